/*
 * echo_server.c -- the physical floor of the echo suite.
 *
 * One thread, one epoll set, level-triggered, non-blocking sockets. Each connection echoes what
 * it reads; when the peer does not take the echo fast enough, the unsent rest is kept in the
 * connection's buffer, reading stops and EPOLLOUT is watched until the buffer drains (the same
 * back-pressure an asyncio transport applies with pause_reading/resume_reading).
 *
 * Usage: echo_server [--port P] [--host 127.0.0.1]
 * Runs until killed (SIGTERM/SIGINT end it cleanly). Listens on loopback only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE (256 * 1024)
#define MAX_EVENTS 64

typedef struct conn {
    int fd;
    size_t pending;   /* bytes in buf not yet written back */
    size_t offset;    /* first unwritten byte in buf */
    char buf[BUF_SIZE];
} conn;

static volatile sig_atomic_t stopping = 0;

static void on_signal(int sig) { (void)sig; stopping = 1; }

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int listen_on(const char *host, int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) die("inet_pton");
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(fd, 1024) < 0) die("listen");
    return fd;
}

static void watch(int ep, int op, conn *c, unsigned events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(ep, op, c->fd, &ev) < 0) die("epoll_ctl");
}

static void close_conn(int ep, conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

/* Writes what is pending; returns 0 when drained, 1 when the socket is full, -1 on error. */
static int flush_pending(conn *c) {
    while (c->pending > 0) {
        ssize_t n = write(c->fd, c->buf + c->offset, c->pending);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) return 1;
            if (errno == EINTR) continue;
            return -1;
        }
        c->offset += (size_t)n;
        c->pending -= (size_t)n;
    }
    c->offset = 0;
    return 0;
}

static void on_readable(int ep, conn *c) {
    /* Bounded: at most a few reads per wake-up so one busy connection cannot starve the rest. */
    for (int round = 0; round < 4; round++) {
        ssize_t n = read(c->fd, c->buf, BUF_SIZE);
        if (n == 0) { close_conn(ep, c); return; }
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            if (errno == EINTR) continue;
            close_conn(ep, c);
            return;
        }
        c->pending = (size_t)n;
        c->offset = 0;
        int r = flush_pending(c);
        if (r < 0) { close_conn(ep, c); return; }
        if (r > 0) { watch(ep, EPOLL_CTL_MOD, c, EPOLLOUT); return; } /* pause reading */
    }
}

static void on_writable(int ep, conn *c) {
    int r = flush_pending(c);
    if (r < 0) close_conn(ep, c);
    else if (r == 0) watch(ep, EPOLL_CTL_MOD, c, EPOLLIN); /* resume reading */
}

static void accept_all(int ep, int lfd) {
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) return; /* EAGAIN or a transient error: wait for the next readiness */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn *c = calloc(1, sizeof *c);
        if (!c) { close(fd); continue; }
        c->fd = fd;
        watch(ep, EPOLL_CTL_ADD, c, EPOLLIN);
    }
}

int main(int argc, char **argv) {
    int port = 25000;
    const char *host = "127.0.0.1";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--host") == 0) host = argv[i + 1];
    }
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int lfd = listen_on(host, port);
    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    struct epoll_event lev = {.events = EPOLLIN, .data.ptr = NULL};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev) < 0) die("epoll_ctl listen");
    fprintf(stderr, "c-epoll echo server on %s:%d\n", host, port);

    struct epoll_event events[MAX_EVENTS];
    while (!stopping) {
        int n = epoll_wait(ep, events, MAX_EVENTS, 1000);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            conn *c = events[i].data.ptr;
            if (c == NULL) { accept_all(ep, lfd); continue; }
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                if (!(events[i].events & EPOLLIN)) { close_conn(ep, c); continue; }
            }
            if (events[i].events & EPOLLOUT) on_writable(ep, c);
            else if (events[i].events & EPOLLIN) on_readable(ep, c);
        }
    }
    close(lfd);
    close(ep);
    return 0;
}
