# Logs in (and sends one message) with Ruby's net/smtp, net/imap or net/pop as a small script
# would; prints the exception ("Class: message"). Settings come from the environment.
require "openssl"
e = ENV
ctx = OpenSSL::SSL::SSLContext.new
ctx.set_params(ca_file: e["CA"], verify_mode: OpenSSL::SSL::VERIFY_PEER, verify_hostname: true)
ssl = e["SECURITY"] == "ssl"
starttls = e["SECURITY"] == "starttls"
begin
  case e["PROTO"]
  when "smtp"
    require "net/smtp"
    smtp = Net::SMTP.new(e["HOST"], e["PORT"].to_i)
    smtp.open_timeout = 5
    smtp.read_timeout = 8
    ssl ? smtp.enable_tls(ctx) : (starttls ? smtp.enable_starttls(ctx) : smtp.disable_starttls)
    auth = e["AUTH"] == "none" ? [] : [e["USER_NAME"], e["PASSWORD"], (e["MECHANISM"].to_s.empty? ? "plain" : e["MECHANISM"]).downcase.tr("-", "_").to_sym]
    smtp.start("localhost", *auth) do |s|
      s.send_message("Subject: test\r\n\r\nhello\r\n", e["FROM"], "bob@example.org")
    end
  when "imap"
    require "net/imap"
    imap = Net::IMAP.new(e["HOST"], port: e["PORT"].to_i, ssl: ssl ? { ca_file: e["CA"], verify_mode: OpenSSL::SSL::VERIFY_PEER } : nil,
                         open_timeout: 5)
    imap.starttls(ca_file: e["CA"], verify_mode: OpenSSL::SSL::VERIFY_PEER) if starttls
    imap.login(e["USER_NAME"], e["PASSWORD"])
    imap.logout
  else
    require "net/pop"
    pop = Net::POP3.new(e["HOST"], e["PORT"].to_i)
    pop.open_timeout = 5
    pop.read_timeout = 8
    pop.enable_ssl(ca_file: e["CA"], verify_mode: OpenSSL::SSL::VERIFY_PEER) if ssl
    pop.start(e["USER_NAME"], e["PASSWORD"]) { |p| p.mails }
  end
rescue StandardError, Timeout::Error => err
  warn "#{err.class}: #{err.message}"
  exit 1
end
