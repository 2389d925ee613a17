// Sends one message with nodemailer, as a small Node script would; prints the error it gives.
// NODE_PATH points at a nodemailer installed outside the repository.
const fs = require("fs");
const nodemailer = require("nodemailer");
const env = process.env;
const options = {
  host: env.HOST, port: Number(env.PORT), secure: env.SECURITY === "ssl", requireTLS: env.SECURITY === "starttls",
  tls: { ca: [fs.readFileSync(env.CA)] },
  connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 8000,
};
if (env.AUTH !== "none") {
  options.auth = { user: env.USER_NAME, pass: env.PASSWORD };
  if (env.MECHANISM) options.authMethod = env.MECHANISM;
}
nodemailer.createTransport(options)
  .sendMail({ from: env.FROM, to: "bob@example.org", subject: "test", text: "hello" })
  .then(() => process.exit(0), (err) => { console.error(String(err)); process.exit(1); });
