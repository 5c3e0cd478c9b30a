/*
 * Minimal vfio-user server for qtests
 *
 * A tiny, thread-based vfio-user (docs/interop/vfio-user.rst) server that
 * exposes an emulated PCI device to QEMU's vfio-user-pci client.  The
 * device model is supplied by the test through callbacks; the server only
 * speaks the protocol: version negotiation, device/region/IRQ information,
 * region reads and writes, and device reset.  DMA mappings and interrupt
 * setup are accepted and ignored (no DMA, no interrupts).
 *
 * Protocol behaviour, as seen by the client:
 * - VERSION: replies 0.0 with capabilities {} (no write_multiple; an
 *   unsolicited REGION_WRITE_MULTI is nevertheless applied).
 * - DEVICE_GET_INFO: VFIO_DEVICE_FLAGS_PCI (+ RESET), 9 regions, 5 IRQs.
 * - GET_REGION_INFO: size from region_size[], READ|WRITE if present,
 *   offset 0, never MMAP, no capabilities, no file descriptor.
 * - GET_IRQ_INFO: count 0 for INTx/MSI/MSI-X/REQ, EINVAL for ERR (as the
 *   Linux driver does for a conventional PCI device).
 * - DMA_MAP, DMA_UNMAP, SET_IRQS: header-only reply; received file
 *   descriptors are closed.
 * - REGION_READ/WRITE: EINVAL if out of range or the region is absent.
 * - DEVICE_RESET: calls device_reset; EINVAL if reset_works is false.
 * - anything else: ENOSYS.
 * No reply is ever sent to a message flagged NO_REPLY.  A message with
 * more than 1 MiB of payload, or a failed read or write on the socket,
 * closes the connection.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef QTEST_VFIO_USER_SERVER_H
#define QTEST_VFIO_USER_SERVER_H

#include <linux/vfio.h>

/*
 * Description of the emulated device.  The server copies this structure,
 * so it may live on the caller's stack.  All callbacks run in the server
 * thread; the device model must do its own locking against the test thread.
 */
typedef struct VfioUserTestDevice {
    /*
     * Size in bytes of each PCI region, indexed by VFIO_PCI_*_REGION_INDEX
     * (BAR0..BAR5 = 0..5, ROM = 6, CONFIG = 7, VGA = 8).  0 means that the
     * region is absent.  The config region (index 7) should be 256 bytes
     * (conventional PCI) or 4096 bytes (PCI Express).  Present regions are
     * advertised as readable and writable, never mmap-able.
     */
    uint64_t region_size[VFIO_PCI_NUM_REGIONS];

    /* Advertise VFIO_DEVICE_FLAGS_RESET in DEVICE_GET_INFO. */
    bool reset_works;

    /*
     * Byte-level access to a region.  @offset and @count have already been
     * checked against region_size[@region].  For a read the callback fills
     * @buf with @count bytes; for a write @buf holds the @count bytes that
     * the client wrote.  Data is in the device's (little-endian) byte order.
     * May be NULL: reads then return zeroes and writes are discarded.
     */
    void (*region_access)(void *opaque, unsigned region, uint64_t offset,
                          void *buf, uint32_t count, bool is_write);

    /* Called when a DEVICE_RESET message is received.  May be NULL. */
    void (*device_reset)(void *opaque);

    /* Passed unchanged to the callbacks. */
    void *opaque;
} VfioUserTestDevice;

typedef struct VfioUserTestServer VfioUserTestServer;

/*
 * Create a listening UNIX socket at @path and serve @dev from a new thread.
 * The socket is listening when this function returns, so a QEMU started
 * afterwards can connect immediately.  One client is served at a time;
 * when it disconnects (or the connection fails) the server waits for the
 * next one.  A stale file at @path is removed first.
 *
 * Returns NULL (with errno set) if the socket cannot be created.
 */
VfioUserTestServer *vfio_user_test_server_start(const char *path,
                                                const VfioUserTestDevice *dev);

/*
 * Stop the server thread, close the listening socket and any client
 * connection, unlink the socket path and free @s.  Safe to call while a
 * client is connected (the client sees the connection close).  @s may be
 * NULL.
 */
void vfio_user_test_server_stop(VfioUserTestServer *s);

/*
 * Fault injection.  Count REGION_READ and REGION_WRITE messages (and
 * REGION_WRITE_MULTI entries) for region index @region, on the current
 * connection or, if none, on the next ones.
 * When the @n-th such message arrives, close the connection abruptly
 * without processing or replying to it (as if the server process had
 * died), then disarm and wait for the next client.  @n == 0 disarms.
 * Calling this again replaces any previous setting.
 */
void vfio_user_test_server_drop_after(VfioUserTestServer *s, unsigned region,
                                      unsigned n);

/* Number of client connections accepted so far. */
unsigned vfio_user_test_server_connections(VfioUserTestServer *s);

/* Number of DEVICE_RESET messages received so far. */
unsigned vfio_user_test_server_device_resets(VfioUserTestServer *s);

/* Number of connections closed by vfio_user_test_server_drop_after(). */
unsigned vfio_user_test_server_drops(VfioUserTestServer *s);

#endif /* QTEST_VFIO_USER_SERVER_H */
