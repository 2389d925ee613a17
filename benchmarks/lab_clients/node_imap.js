// Logs in with node-imap (the "imap" package) and opens INBOX, as its README's example does; prints
// the 'error' event's error as console.error shows it, without the stack's "at ..." frames.
// NODE_PATH points at an imap package installed outside the repository.
const fs = require("fs");
const showError = require("./show-error.js");
const Imap = require("imap");
const env = process.env;
const imap = new Imap({
  user: env.USER_NAME, password: env.PASSWORD, host: env.HOST, port: Number(env.PORT),
  tls: env.SECURITY === "ssl", autotls: env.SECURITY === "starttls" ? "always" : "never",
  tlsOptions: { ca: [fs.readFileSync(env.CA)], servername: env.HOST }, connTimeout: 8000, authTimeout: 8000,
});
imap.once("ready", () => {
  imap.openBox("INBOX", true, (err) => {
    if (err) showError(err);
    imap.end();
  });
});
imap.once("error", showError);
imap.once("end", () => process.exit(0));
imap.connect();
