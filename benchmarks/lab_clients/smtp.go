// Sends one message with Go's net/smtp, as a small Go program would; prints the error it returns.
// Settings come from the environment (see benchmarks/record_client_texts.py).
package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"time"
)

func send() error {
	host, port, security := os.Getenv("HOST"), os.Getenv("PORT"), os.Getenv("SECURITY")
	pem, err := os.ReadFile(os.Getenv("CA"))
	if err != nil {
		return err
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	config := &tls.Config{ServerName: host, RootCAs: roots}
	address := net.JoinHostPort(host, port)
	var conn net.Conn
	if security == "ssl" {
		conn, err = tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", address, config)
	} else {
		conn, err = net.DialTimeout("tcp", address, 5*time.Second)
	}
	if err != nil {
		return err
	}
	conn.SetDeadline(time.Now().Add(8 * time.Second))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return err
	}
	defer c.Close()
	if security == "starttls" {
		if err := c.StartTLS(config); err != nil {
			return err
		}
	}
	if os.Getenv("AUTH") != "none" {
		if err := c.Auth(smtp.PlainAuth("", os.Getenv("USER_NAME"), os.Getenv("PASSWORD"), host)); err != nil {
			return err
		}
	}
	if err := c.Mail(os.Getenv("FROM")); err != nil {
		return err
	}
	if err := c.Rcpt("bob@example.org"); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte("Subject: test\r\n\r\nhello\r\n")); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func main() {
	if err := send(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
