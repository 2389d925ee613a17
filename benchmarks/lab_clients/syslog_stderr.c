/* Loaded into a program that only logs through syslog(3) (dma) where no syslog daemon runs: each
 * message goes to standard error as a syslog daemon writes it to /var/log/mail.log
 * ("Mon DD HH:MM:SS host ident[pid]: message"). The message itself is the program's, untouched. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static void out(const char *fmt, va_list ap) {
    char stamp[32], host[256] = "localhost";
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", localtime(&now));
    gethostname(host, sizeof host - 1);
    fprintf(stderr, "%s %s %s[%d]: ", stamp, host, program_invocation_short_name, (int) getpid());
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    fflush(stderr);
}

void __syslog_chk(int pri, int flag, const char *fmt, ...) {
    va_list ap;
    (void) pri; (void) flag;
    va_start(ap, fmt);
    out(fmt, ap);
    va_end(ap);
}

void syslog(int pri, const char *fmt, ...) {
    va_list ap;
    (void) pri;
    va_start(ap, fmt);
    out(fmt, ap);
    va_end(ap);
}

void vsyslog(int pri, const char *fmt, va_list ap) {
    (void) pri;
    out(fmt, ap);
}
