/*
 * Minimal vfio-user server for qtests
 *
 * Serves one emulated PCI device over a UNIX socket to QEMU's vfio-user-pci
 * client, from a dedicated thread.  The protocol is described in
 * docs/interop/vfio-user.rst.  Only what the client needs for a device
 * without DMA and without interrupts is implemented: DMA mappings and
 * SET_IRQS are acknowledged and their file descriptors closed, region
 * accesses are forwarded to the test's device model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "qemu/atomic.h"
#include "hw/vfio-user/protocol.h"
#include "vfio-user-server.h"

/* Largest data payload of a region access (the client's default). */
#define VUS_MAX_DATA    VFIO_USER_DEF_MAX_XFER

/* Largest message accepted; anything bigger closes the connection. */
#define VUS_MAX_MSG     (sizeof(VFIOUserRegionRW) + VUS_MAX_DATA)

/* Most file descriptors that can arrive with one message. */
#define VUS_MAX_FDS     VFIO_USER_MAX_MAX_FDS

/*
 * Version reply payload.  No optional capability is offered; in particular
 * not "write_multiple", so the client never sends REGION_WRITE_MULTI.
 */
#define VUS_CAPS        "{\"capabilities\":{}}"

/* Handler result: close the connection without replying. */
#define VUS_DROP        1

struct VfioUserTestServer {
    VfioUserTestDevice dev;
    char *path;
    int listen_fd;
    int conn_fd;            /* only used by the server thread */
    int wake_fd[2];         /* written by vfio_user_test_server_stop() */
    GThread *thread;

    GMutex lock;            /* protects drop_region and drop_left */
    unsigned drop_region;
    unsigned drop_left;

    /* statistics, accessed atomically */
    unsigned connections;
    unsigned device_resets;
    unsigned drops;
};

/*
 * Wait until @fd has one of @events (or an error/hangup condition).
 * Returns false if the server is being stopped or poll() fails.
 */
static bool vus_wait(VfioUserTestServer *s, int fd, short events)
{
    struct pollfd pfd[2] = {
        { .fd = fd, .events = events },
        { .fd = s->wake_fd[0], .events = POLLIN },
    };

    for (;;) {
        if (poll(pfd, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        if (pfd[1].revents) {
            return false;
        }
        if (pfd[0].revents) {
            return true;
        }
    }
}

/* Close every file descriptor passed with SCM_RIGHTS in @msg. */
static void vus_close_fds(struct msghdr *msg)
{
    struct cmsghdr *cmsg;

    for (cmsg = CMSG_FIRSTHDR(msg); cmsg; cmsg = CMSG_NXTHDR(msg, cmsg)) {
        size_t len, i;
        int *fds;

        if (cmsg->cmsg_level != SOL_SOCKET ||
            cmsg->cmsg_type != SCM_RIGHTS ||
            cmsg->cmsg_len < CMSG_LEN(0)) {
            continue;
        }
        len = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        fds = (int *)CMSG_DATA(cmsg);
        for (i = 0; i < len; i++) {
            int fd;

            memcpy(&fd, &fds[i], sizeof(fd));
            close(fd);
        }
    }
}

/*
 * Read exactly @len bytes from the client, discarding any file
 * descriptors that come with them.  Returns false on EOF, error or stop.
 */
static bool vus_recv_full(VfioUserTestServer *s, void *buf, size_t len)
{
    char *p = buf;

    while (len) {
        union {
            struct cmsghdr align;
            char buf[CMSG_SPACE(sizeof(int) * VUS_MAX_FDS)];
        } ctl;
        struct iovec iov = { .iov_base = p, .iov_len = len };
        struct msghdr msg = {
            .msg_iov = &iov,
            .msg_iovlen = 1,
            .msg_control = ctl.buf,
            .msg_controllen = sizeof(ctl.buf),
        };
        ssize_t n;

        if (!vus_wait(s, s->conn_fd, POLLIN)) {
            return false;
        }
        n = recvmsg(s->conn_fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return false;
        }
        vus_close_fds(&msg);
        if (n == 0) {
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

/* Write all of @buf to the client.  Returns false on error or stop. */
static bool vus_send_full(VfioUserTestServer *s, const void *buf, size_t len)
{
    const char *p = buf;

    while (len) {
        ssize_t n;

        if (!vus_wait(s, s->conn_fd, POLLOUT)) {
            return false;
        }
        n = send(s->conn_fd, p, len, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

/* Consume one armed fault-injection event for @region, if any. */
static bool vus_should_drop(VfioUserTestServer *s, uint32_t region)
{
    bool drop = false;

    g_mutex_lock(&s->lock);
    if (s->drop_left && region == s->drop_region) {
        s->drop_left--;
        drop = s->drop_left == 0;
    }
    g_mutex_unlock(&s->lock);
    return drop;
}

/* Validate a region access; returns 0 or a negative errno value. */
static int vus_check_access(VfioUserTestServer *s, uint32_t region,
                            uint64_t offset, uint32_t count)
{
    uint64_t size;

    if (region >= VFIO_PCI_NUM_REGIONS || count > VUS_MAX_DATA) {
        return -EINVAL;
    }
    size = s->dev.region_size[region];
    if (size == 0 || count > size || offset > size - count) {
        return -EINVAL;
    }
    return 0;
}

static void vus_access(VfioUserTestServer *s, uint32_t region,
                       uint64_t offset, void *buf, uint32_t count,
                       bool is_write)
{
    if (count == 0) {
        return;
    }
    if (s->dev.region_access) {
        s->dev.region_access(s->dev.opaque, region, offset, buf, count,
                             is_write);
    } else if (!is_write) {
        memset(buf, 0, count);
    }
}

/*
 * Message handlers.  @req is the whole request (header included) of @size
 * bytes.  A handler returns 0 on success, a negative errno value to send an
 * error reply, or VUS_DROP.  On success it may set *@reply to a g_malloc'ed
 * reply of *@reply_size bytes whose header is filled in by the caller; if it
 * leaves *@reply NULL, a header-only reply is sent.
 */

static int vus_version(VfioUserTestServer *s, void *req, uint32_t size,
                       void **reply, uint32_t *reply_size)
{
    VFIOUserVersion *msg = req;
    VFIOUserVersion *r;

    if (size < sizeof(*msg)) {
        return -EINVAL;
    }
    if (msg->major != VFIO_USER_MAJOR_VER) {
        return -ENOTSUP;
    }
    *reply_size = sizeof(*r) + sizeof(VUS_CAPS);
    r = g_malloc0(*reply_size);
    r->major = VFIO_USER_MAJOR_VER;
    r->minor = VFIO_USER_MINOR_VER;
    memcpy(r->capabilities, VUS_CAPS, sizeof(VUS_CAPS));
    *reply = r;
    return 0;
}

static int vus_get_info(VfioUserTestServer *s, void *req, uint32_t size,
                        void **reply, uint32_t *reply_size)
{
    VFIOUserDeviceInfo *r;

    if (size < sizeof(*r)) {
        return -EINVAL;
    }
    r = g_malloc0(sizeof(*r));
    r->argsz = sizeof(*r) - sizeof(r->hdr);
    r->flags = VFIO_DEVICE_FLAGS_PCI;
    if (s->dev.reset_works) {
        r->flags |= VFIO_DEVICE_FLAGS_RESET;
    }
    r->num_regions = VFIO_PCI_NUM_REGIONS;
    r->num_irqs = VFIO_PCI_NUM_IRQS;
    *reply = r;
    *reply_size = sizeof(*r);
    return 0;
}

static int vus_get_region_info(VfioUserTestServer *s, void *req,
                               uint32_t size, void **reply,
                               uint32_t *reply_size)
{
    VFIOUserRegionInfo *msg = req;
    VFIOUserRegionInfo *r;

    if (size < sizeof(*msg) ||
        msg->argsz < sizeof(*msg) - sizeof(msg->hdr) ||
        msg->index >= VFIO_PCI_NUM_REGIONS) {
        return -EINVAL;
    }
    r = g_malloc0(sizeof(*r));
    r->argsz = sizeof(*r) - sizeof(r->hdr);
    r->index = msg->index;
    r->size = s->dev.region_size[msg->index];
    if (r->size) {
        r->flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
    }
    *reply = r;
    *reply_size = sizeof(*r);
    return 0;
}

static int vus_get_irq_info(VfioUserTestServer *s, void *req, uint32_t size,
                            void **reply, uint32_t *reply_size)
{
    VFIOUserIRQInfo *msg = req;
    VFIOUserIRQInfo *r;

    if (size < sizeof(*msg) ||
        msg->argsz < sizeof(*msg) - sizeof(msg->hdr) ||
        msg->index >= VFIO_PCI_NUM_IRQS) {
        return -EINVAL;
    }
    /*
     * Like the Linux vfio-pci driver for a conventional PCI device, reject
     * the error (AER) index.  The other indexes exist but have no vectors.
     */
    if (msg->index == VFIO_PCI_ERR_IRQ_INDEX) {
        return -EINVAL;
    }
    r = g_malloc0(sizeof(*r));
    r->argsz = sizeof(*r) - sizeof(r->hdr);
    r->index = msg->index;
    r->count = 0;
    *reply = r;
    *reply_size = sizeof(*r);
    return 0;
}

static int vus_region_read(VfioUserTestServer *s, void *req, uint32_t size,
                           void **reply, uint32_t *reply_size)
{
    VFIOUserRegionRW *msg = req;
    VFIOUserRegionRW *r;
    int err;

    if (size < sizeof(*msg)) {
        return -EINVAL;
    }
    if (vus_should_drop(s, msg->region)) {
        return VUS_DROP;
    }
    err = vus_check_access(s, msg->region, msg->offset, msg->count);
    if (err) {
        return err;
    }
    *reply_size = sizeof(*r) + msg->count;
    r = g_malloc0(*reply_size);
    r->offset = msg->offset;
    r->region = msg->region;
    r->count = msg->count;
    vus_access(s, msg->region, msg->offset, r->data, msg->count, false);
    *reply = r;
    return 0;
}

static int vus_region_write(VfioUserTestServer *s, void *req, uint32_t size,
                            void **reply, uint32_t *reply_size)
{
    VFIOUserRegionRW *msg = req;
    VFIOUserRegionRW *r;
    int err;

    if (size < sizeof(*msg) || msg->count != size - sizeof(*msg)) {
        return -EINVAL;
    }
    if (vus_should_drop(s, msg->region)) {
        return VUS_DROP;
    }
    err = vus_check_access(s, msg->region, msg->offset, msg->count);
    if (err) {
        return err;
    }
    vus_access(s, msg->region, msg->offset, msg->data, msg->count, true);
    r = g_malloc0(sizeof(*r));
    r->offset = msg->offset;
    r->region = msg->region;
    r->count = msg->count;
    *reply = r;
    *reply_size = sizeof(*r);
    return 0;
}

/*
 * Not offered in the version reply, but the client may still send it (for
 * example with x-send-queued=on), so apply the writes in order.
 */
static int vus_write_multi(VfioUserTestServer *s, void *req, uint32_t size,
                           void **reply, uint32_t *reply_size)
{
    VFIOUserWRMulti *msg = req;
    size_t hdr_size = offsetof(VFIOUserWRMulti, wrs);
    uint64_t i;

    if (size < hdr_size || msg->wr_cnt > VFIO_USER_MULTI_MAX ||
        size < hdr_size + msg->wr_cnt * sizeof(VFIOUserWROne)) {
        return -EINVAL;
    }
    for (i = 0; i < msg->wr_cnt; i++) {
        VFIOUserWROne *w = &msg->wrs[i];
        int err;

        if (vus_should_drop(s, w->region)) {
            return VUS_DROP;
        }
        err = vus_check_access(s, w->region, w->offset, w->count);
        if (err || w->count > VFIO_USER_MULTI_DATA) {
            return -EINVAL;
        }
        vus_access(s, w->region, w->offset, w->data, w->count, true);
    }
    return 0;
}

static int vus_device_reset(VfioUserTestServer *s, void *req, uint32_t size,
                            void **reply, uint32_t *reply_size)
{
    qatomic_inc(&s->device_resets);
    if (!s->dev.reset_works) {
        return -EINVAL;
    }
    if (s->dev.device_reset) {
        s->dev.device_reset(s->dev.opaque);
    }
    return 0;
}

/* DMA_MAP, DMA_UNMAP and SET_IRQS: acknowledge, nothing else to do. */
static int vus_accept(VfioUserTestServer *s, void *req, uint32_t size,
                      void **reply, uint32_t *reply_size)
{
    return 0;
}

static int vus_dispatch(VfioUserTestServer *s, void *req, uint32_t size,
                        void **reply, uint32_t *reply_size)
{
    VFIOUserHdr *hdr = req;

    switch (hdr->command) {
    case VFIO_USER_VERSION:
        return vus_version(s, req, size, reply, reply_size);
    case VFIO_USER_DMA_MAP:
    case VFIO_USER_DMA_UNMAP:
    case VFIO_USER_DEVICE_SET_IRQS:
        return vus_accept(s, req, size, reply, reply_size);
    case VFIO_USER_DEVICE_GET_INFO:
        return vus_get_info(s, req, size, reply, reply_size);
    case VFIO_USER_DEVICE_GET_REGION_INFO:
        return vus_get_region_info(s, req, size, reply, reply_size);
    case VFIO_USER_DEVICE_GET_IRQ_INFO:
        return vus_get_irq_info(s, req, size, reply, reply_size);
    case VFIO_USER_REGION_READ:
        return vus_region_read(s, req, size, reply, reply_size);
    case VFIO_USER_REGION_WRITE:
        return vus_region_write(s, req, size, reply, reply_size);
    case VFIO_USER_DEVICE_RESET:
        return vus_device_reset(s, req, size, reply, reply_size);
    case VFIO_USER_REGION_WRITE_MULTI:
        return vus_write_multi(s, req, size, reply, reply_size);
    default:
        return -ENOSYS;
    }
}

/*
 * Receive, handle and answer one message.  Returns false if the
 * connection must be closed (EOF, I/O error, bad message, fault injection
 * or stop request).
 */
static bool vus_serve_one(VfioUserTestServer *s)
{
    g_autofree uint8_t *req = NULL;
    g_autofree void *reply = NULL;
    uint32_t reply_size = sizeof(VFIOUserHdr);
    VFIOUserHdr hdr, *rhdr;
    VFIOUserHdr err_hdr;
    int ret;

    if (!vus_recv_full(s, &hdr, sizeof(hdr))) {
        return false;
    }
    if (hdr.size < sizeof(hdr) || hdr.size > VUS_MAX_MSG) {
        return false;
    }
    req = g_malloc0(hdr.size);
    memcpy(req, &hdr, sizeof(hdr));
    if (!vus_recv_full(s, req + sizeof(hdr), hdr.size - sizeof(hdr))) {
        return false;
    }

    /* This server never sends requests, so ignore stray replies. */
    if ((hdr.flags & VFIO_USER_TYPE) != VFIO_USER_REQUEST) {
        return true;
    }

    ret = vus_dispatch(s, req, hdr.size, &reply, &reply_size);
    if (ret == VUS_DROP) {
        qatomic_inc(&s->drops);
        return false;
    }
    if (hdr.flags & VFIO_USER_NO_REPLY) {
        return true;
    }

    if (ret < 0) {
        memset(&err_hdr, 0, sizeof(err_hdr));
        rhdr = &err_hdr;
        reply_size = sizeof(err_hdr);
        rhdr->flags = VFIO_USER_REPLY | VFIO_USER_ERROR;
        rhdr->error_reply = -ret;
    } else {
        if (!reply) {
            reply = g_malloc0(sizeof(VFIOUserHdr));
            reply_size = sizeof(VFIOUserHdr);
        }
        rhdr = reply;
        rhdr->flags = VFIO_USER_REPLY;
        rhdr->error_reply = 0;
    }
    rhdr->id = hdr.id;
    rhdr->command = hdr.command;
    rhdr->size = reply_size;
    return vus_send_full(s, rhdr, reply_size);
}

static void vus_disconnect(VfioUserTestServer *s)
{
    if (s->conn_fd >= 0) {
        close(s->conn_fd);
        s->conn_fd = -1;
    }
}

static gpointer vus_thread(gpointer opaque)
{
    VfioUserTestServer *s = opaque;

    for (;;) {
        if (s->conn_fd < 0) {
            int fd;

            if (!vus_wait(s, s->listen_fd, POLLIN)) {
                break;
            }
            fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == EAGAIN ||
                    errno == ECONNABORTED) {
                    continue;
                }
                break;
            }
            s->conn_fd = fd;
            qatomic_inc(&s->connections);
        }
        if (!vus_serve_one(s)) {
            vus_disconnect(s);
        }
    }
    vus_disconnect(s);
    return NULL;
}

VfioUserTestServer *vfio_user_test_server_start(const char *path,
                                                const VfioUserTestDevice *dev)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    VfioUserTestServer *s;
    int saved_errno;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);

    s = g_new0(VfioUserTestServer, 1);
    s->dev = *dev;
    s->path = g_strdup(path);
    s->conn_fd = -1;
    s->wake_fd[0] = s->wake_fd[1] = -1;
    g_mutex_init(&s->lock);

    s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          0);
    if (s->listen_fd < 0) {
        goto fail;
    }
    unlink(path);
    if (bind(s->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(s->listen_fd, 4) < 0) {
        goto fail;
    }
    if (!g_unix_open_pipe(s->wake_fd, FD_CLOEXEC, NULL)) {
        goto fail;
    }

    s->thread = g_thread_new("vfio-user-server", vus_thread, s);
    return s;

fail:
    saved_errno = errno;
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        unlink(path);
    }
    g_mutex_clear(&s->lock);
    g_free(s->path);
    g_free(s);
    errno = saved_errno;
    return NULL;
}

void vfio_user_test_server_stop(VfioUserTestServer *s)
{
    if (!s) {
        return;
    }
    while (write(s->wake_fd[1], "q", 1) < 0 && errno == EINTR) {
        /* retry */
    }
    g_thread_join(s->thread);

    close(s->wake_fd[0]);
    close(s->wake_fd[1]);
    close(s->listen_fd);
    unlink(s->path);
    g_mutex_clear(&s->lock);
    g_free(s->path);
    g_free(s);
}

void vfio_user_test_server_drop_after(VfioUserTestServer *s, unsigned region,
                                      unsigned n)
{
    g_mutex_lock(&s->lock);
    s->drop_region = region;
    s->drop_left = n;
    g_mutex_unlock(&s->lock);
}

unsigned vfio_user_test_server_connections(VfioUserTestServer *s)
{
    return qatomic_read(&s->connections);
}

unsigned vfio_user_test_server_device_resets(VfioUserTestServer *s)
{
    return qatomic_read(&s->device_resets);
}

unsigned vfio_user_test_server_drops(VfioUserTestServer *s)
{
    return qatomic_read(&s->drops);
}
