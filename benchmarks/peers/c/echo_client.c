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
 *
 * Built with -DECHO_TLS (and -lssl -lcrypto) it is the TLS suite's client, echo_client_tls,
 * which also takes [--tls 1] [--cipher TLS_AES_128_GCM_SHA256] [--cafile cert.pem]: every
 * connection speaks TLS 1.3 only, offers only that cipher suite, verifies the server against
 * the CA file (if given) for the name "localhost", and completes its handshake and one 1-byte
 * round trip (which also consumes the server's session tickets) before the clock starts. The
 * JSON line then also carries "protocol", "cipher" and "cpu_s" (the client's own CPU time).
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
#include <sys/resource.h>
#include <unistd.h>
#ifdef ECHO_TLS
#include <openssl/err.h>
#include <openssl/ssl.h>
#endif

/* Latency histogram: 1 µs buckets up to 100 ms, one overflow bucket above. */
#define HIST_BUCKETS 100000
#define MAX_CONNS 1024

typedef struct client {
    int fd;
    size_t sent;       /* bytes of the current message written */
    size_t received;   /* bytes of the current echo read */
    uint64_t started;  /* ns timestamp of the current request */
#ifdef ECHO_TLS
    SSL *ssl;          /* NULL on a plain TCP connection */
#endif
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
    return fd;
}

/* Non-blocking only after connect (and the TLS handshake): the load loop never blocks on one connection. */
static void set_nonblocking(int fd) {
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) die("fcntl");
}

/*
 * One read or write on a connection, plain or TLS. Returns the byte count, or -1 with errno set:
 * EAGAIN when the connection must wait for the socket (TLS asks for either direction; the load
 * loop always listens for input and retries a pending send on any event, so both are covered),
 * ECONNRESET for a TLS error. 0 from io_read means the peer closed.
 */
static ssize_t io_write(client *c, const char *buf, size_t n) {
#ifdef ECHO_TLS
    if (c->ssl) {
        int r = SSL_write(c->ssl, buf, n > INT32_MAX ? INT32_MAX : (int)n);
        if (r > 0) return r;
        int e = SSL_get_error(c->ssl, r);
        errno = (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) ? EAGAIN : ECONNRESET;
        return -1;
    }
#endif
    return write(c->fd, buf, n);
}

static ssize_t io_read(client *c, char *buf, size_t n) {
#ifdef ECHO_TLS
    if (c->ssl) {
        int r = SSL_read(c->ssl, buf, n > INT32_MAX ? INT32_MAX : (int)n);
        if (r > 0) return r;
        int e = SSL_get_error(c->ssl, r);
        if (e == SSL_ERROR_ZERO_RETURN) return 0;
        errno = (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) ? EAGAIN : ECONNRESET;
        return -1;
    }
#endif
    return read(c->fd, buf, n);
}

#ifdef ECHO_TLS
static void die_tls(const char *what) {
    fprintf(stderr, "%s failed:\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

/* TLS 1.3 only, one cipher suite, the CA file (if any) as the only trust anchor. */
static SSL_CTX *tls_context(const char *cipher, const char *cafile) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) die_tls("SSL_CTX_new");
    if (!SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) || !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION))
        die_tls("TLS 1.3 only");
    if (!SSL_CTX_set_ciphersuites(ctx, cipher)) die_tls("SSL_CTX_set_ciphersuites");
    if (cafile) {
        if (!SSL_CTX_load_verify_locations(ctx, cafile, NULL)) die_tls("SSL_CTX_load_verify_locations");
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    } else {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    }
    /* A partial write returns after each record, like write(2), so send_some works unchanged. */
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    return ctx;
}

/* Handshake and one 1-byte round trip on the still-blocking socket, before the clock starts. */
static SSL *tls_connect(SSL_CTX *ctx, int fd) {
    SSL *ssl = SSL_new(ctx);
    if (!ssl) die_tls("SSL_new");
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    if (!SSL_set1_host(ssl, "localhost")) die_tls("SSL_set1_host");
    if (SSL_connect(ssl) != 1) die_tls("SSL_connect");
    char b = 'x';
    if (SSL_write(ssl, &b, 1) != 1) die_tls("SSL_write (first round trip)");
    if (SSL_read(ssl, &b, 1) != 1) die_tls("SSL_read (first round trip)");
    return ssl;
}
#endif

/* Closes a connection; a TLS one says close_notify first (one non-blocking try, not awaited). */
static void close_client(client *c) {
#ifdef ECHO_TLS
    if (c->ssl) {
        SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
        c->ssl = NULL;
    }
#endif
    close(c->fd);
    c->fd = -1;
}

static double cpu_seconds(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
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
        ssize_t n = io_write(c, msg + c->sent, size - c->sent);
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
    int tls = 0;
    const char *cipher = "TLS_AES_128_GCM_SHA256", *cafile = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "--host")) host = v;
        else if (!strcmp(k, "--port")) port = atoi(v);
        else if (!strcmp(k, "--conns")) conns = atoi(v);
        else if (!strcmp(k, "--size")) size = (size_t)atol(v);
        else if (!strcmp(k, "--duration")) duration = atof(v);
        else if (!strcmp(k, "--requests")) max_requests = (uint64_t)atoll(v);
        else if (!strcmp(k, "--tls")) tls = atoi(v);
        else if (!strcmp(k, "--cipher")) cipher = v;
        else if (!strcmp(k, "--cafile")) cafile = v;
        else { fprintf(stderr, "unknown option %s\n", k); return 2; }
    }
    if (conns < 1 || conns > MAX_CONNS || size < 1) { fprintf(stderr, "bad arguments\n"); return 2; }
    signal(SIGPIPE, SIG_IGN);
#ifdef ECHO_TLS
    SSL_CTX *ctx = tls ? tls_context(cipher, cafile) : NULL;
#else
    if (tls) { fprintf(stderr, "--tls needs the client built with -DECHO_TLS (echo_client_tls)\n"); return 2; }
    (void)cipher;
    (void)cafile;
#endif

    char *msg = malloc(size), *sink = malloc(size > 65536 ? size : 65536);
    if (!msg || !sink) die("malloc");
    for (size_t i = 0; i < size; i++) msg[i] = (char)('a' + i % 26);

    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    client *clients = calloc((size_t)conns, sizeof *clients);
    for (int i = 0; i < conns; i++) {
        clients[i].fd = connect_to(host, port);
#ifdef ECHO_TLS
        if (ctx) clients[i].ssl = tls_connect(ctx, clients[i].fd);
#endif
        set_nonblocking(clients[i].fd);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &clients[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, clients[i].fd, &ev) < 0) die("epoll_ctl add");
    }

    const char *protocol = "tcp", *suite = "";
#ifdef ECHO_TLS
    if (ctx) { /* static strings: they outlive the connection */
        protocol = SSL_get_version(clients[0].ssl);
        suite = SSL_CIPHER_get_name(SSL_get_current_cipher(clients[0].ssl));
    }
#endif
    double cpu_begin = cpu_seconds();
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
            if (c->sent < size) { /* EPOLLOUT, or input a TLS write was waiting for */
                if (send_some(c, msg, size) < 0) { errors++; close_client(c); in_flight--; continue; }
                if (c->sent == size) set_events(ep, c, EPOLLIN);
            }
            if (!(events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
            int closed = 0;
            while (c->received < size) { /* the echo can never run ahead of what was sent */
                ssize_t r = io_read(c, sink, size - c->received < 65536 ? size - c->received : 65536);
                if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
                if (r < 0 && errno == EINTR) continue;
                if (r <= 0) { closed = 1; break; }
                c->received += (size_t)r;
            }
            if (closed) { errors++; close_client(c); in_flight--; continue; }
            if (c->received == size) {
                uint64_t end = now_ns();
                record(end - c->started);
                done++;
                if (stopping || (max_requests && done >= max_requests)) {
                    close_client(c);
                    in_flight--;
                } else {
                    start_request(ep, c, msg, size);
                }
            }
        }
    }
    double secs = (double)(now_ns() - begin) / 1e9;
    double cpu = cpu_seconds() - cpu_begin;
    printf("{\"requests\":%llu,\"seconds\":%.4f,\"req_per_s\":%.1f,\"mib_per_s\":%.3f,"
           "\"p50_us\":%.1f,\"p99_us\":%.1f,\"errors\":%llu,\"conns\":%d,\"size\":%zu,"
           "\"cpu_s\":%.4f,\"protocol\":\"%s\",\"cipher\":\"%s\"}\n",
           (unsigned long long)done, secs, done / secs, (double)done * (double)size / secs / 1048576.0,
           percentile(done, 0.50), percentile(done, 0.99), (unsigned long long)errors, conns, size,
           cpu, protocol, suite);
    for (int i = 0; i < conns; i++) if (clients[i].fd >= 0) close_client(&clients[i]);
#ifdef ECHO_TLS
    if (ctx) SSL_CTX_free(ctx);
#endif
    free(clients);
    free(msg);
    free(sink);
    return errors ? 1 : 0;
}
