/*
 * echo_client.c -- closed-loop load generator for the echo suite (vmbench's method).
 *
 * N connections driven by one thread through epoll. Each connection sends one message, reads
 * the whole echo back, records the round trip in a latency histogram, and sends the next
 * message. The run ends after --duration seconds or --requests round trips, whichever comes
 * first, so it always stops by itself. Prints one JSON object on stdout:
 *   {"requests":…,"seconds":…,"req_per_s":…,"mib_per_s":…,"p50_us":…,"p99_us":…,"errors":…}
 * mib_per_s counts message bytes echoed back (one direction).
 *
 * Usage: echo_client --port P [--host 127.0.0.1] [--conns 10] [--size 1024]
 *                    [--duration 5] [--requests 0 (= no limit)]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Latency histogram: 1 µs buckets up to 100 ms, one overflow bucket above. */
#define HIST_BUCKETS 100000
#define MAX_CONNS 1024

typedef struct client {
    int fd;
    size_t sent;       /* bytes of the current message written */
    size_t received;   /* bytes of the current echo read */
    uint64_t started;  /* ns timestamp of the current request */
} client;

static uint64_t hist[HIST_BUCKETS + 1];

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int connect_to(const char *host, int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) die("inet_pton");
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    /* Non-blocking only after connect: the load loop never blocks on one connection. */
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) die("fcntl");
    return fd;
}

static void record(uint64_t ns) {
    uint64_t us = ns / 1000;
    hist[us < HIST_BUCKETS ? us : HIST_BUCKETS]++;
}

static double percentile(uint64_t total, double p) {
    if (total == 0) return 0;
    uint64_t rank = (uint64_t)(p * (double)total);
    if (rank >= total) rank = total - 1;
    uint64_t seen = 0;
    for (int i = 0; i <= HIST_BUCKETS; i++) {
        seen += hist[i];
        if (seen > rank) return i + 0.5; /* bucket midpoint */
    }
    return HIST_BUCKETS;
}

/* Writes as much of the message as the socket takes; -1 on error. */
static int send_some(client *c, const char *msg, size_t size) {
    while (c->sent < size) {
        ssize_t n = write(c->fd, msg + c->sent, size - c->sent);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
            if (errno == EINTR) continue;
            return -1;
        }
        c->sent += (size_t)n;
    }
    return 0;
}

static void set_events(int ep, client *c, unsigned events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl");
}

static void start_request(int ep, client *c, const char *msg, size_t size) {
    c->sent = 0;
    c->received = 0;
    c->started = now_ns();
    if (send_some(c, msg, size) < 0) die("write");
    set_events(ep, c, c->sent < size ? EPOLLIN | EPOLLOUT : EPOLLIN);
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 25000, conns = 10;
    size_t size = 1024;
    double duration = 5;
    uint64_t max_requests = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "--host")) host = v;
        else if (!strcmp(k, "--port")) port = atoi(v);
        else if (!strcmp(k, "--conns")) conns = atoi(v);
        else if (!strcmp(k, "--size")) size = (size_t)atol(v);
        else if (!strcmp(k, "--duration")) duration = atof(v);
        else if (!strcmp(k, "--requests")) max_requests = (uint64_t)atoll(v);
        else { fprintf(stderr, "unknown option %s\n", k); return 2; }
    }
    if (conns < 1 || conns > MAX_CONNS || size < 1) { fprintf(stderr, "bad arguments\n"); return 2; }
    signal(SIGPIPE, SIG_IGN);

    char *msg = malloc(size), *sink = malloc(size > 65536 ? size : 65536);
    if (!msg || !sink) die("malloc");
    for (size_t i = 0; i < size; i++) msg[i] = (char)('a' + i % 26);

    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    client *clients = calloc((size_t)conns, sizeof *clients);
    for (int i = 0; i < conns; i++) {
        clients[i].fd = connect_to(host, port);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &clients[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, clients[i].fd, &ev) < 0) die("epoll_ctl add");
    }

    uint64_t begin = now_ns();
    uint64_t deadline = begin + (uint64_t)(duration * 1e9);
    uint64_t done = 0, errors = 0;
    int stopping = 0, in_flight = conns;
    for (int i = 0; i < conns; i++) start_request(ep, &clients[i], msg, size);

    struct epoll_event events[MAX_CONNS];
    while (in_flight > 0) {
        int n = epoll_wait(ep, events, conns, 1000);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        uint64_t t = now_ns();
        if (t >= deadline || (max_requests && done >= max_requests)) stopping = 1;
        if (n == 0 && t >= deadline + 5000000000ull) { errors += (uint64_t)in_flight; break; } /* server stalled */
        for (int i = 0; i < n; i++) {
            client *c = events[i].data.ptr;
            if (c->fd < 0) continue;
            if ((events[i].events & EPOLLOUT) && c->sent < size) {
                if (send_some(c, msg, size) < 0) { errors++; close(c->fd); c->fd = -1; in_flight--; continue; }
                if (c->sent == size) set_events(ep, c, EPOLLIN);
            }
            if (!(events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
            int closed = 0;
            while (c->received < size) { /* the echo can never run ahead of what was sent */
                ssize_t r = read(c->fd, sink, size - c->received < 65536 ? size - c->received : 65536);
                if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
                if (r < 0 && errno == EINTR) continue;
                if (r <= 0) { closed = 1; break; }
                c->received += (size_t)r;
            }
            if (closed) { errors++; close(c->fd); c->fd = -1; in_flight--; continue; }
            if (c->received == size) {
                uint64_t end = now_ns();
                record(end - c->started);
                done++;
                if (stopping || (max_requests && done >= max_requests)) {
                    close(c->fd);
                    c->fd = -1;
                    in_flight--;
                } else {
                    start_request(ep, c, msg, size);
                }
            }
        }
    }
    double secs = (double)(now_ns() - begin) / 1e9;
    printf("{\"requests\":%llu,\"seconds\":%.4f,\"req_per_s\":%.1f,\"mib_per_s\":%.3f,"
           "\"p50_us\":%.1f,\"p99_us\":%.1f,\"errors\":%llu,\"conns\":%d,\"size\":%zu}\n",
           (unsigned long long)done, secs, done / secs, (double)done * (double)size / secs / 1048576.0,
           percentile(done, 0.50), percentile(done, 0.99), (unsigned long long)errors, conns, size);
    for (int i = 0; i < conns; i++) if (clients[i].fd >= 0) close(clients[i].fd);
    free(clients);
    free(msg);
    free(sink);
    return errors ? 1 : 0;
}
