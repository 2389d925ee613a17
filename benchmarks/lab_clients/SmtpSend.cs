// Sends one message with System.Net.Mail.SmtpClient, as a small C# program would (Mono's class
// library); prints the exception as ToString() shows it, nested exceptions included, without the
// stack's "at ..." frames (the 12 lines a corpus entry keeps would hold nothing else). Settings come
// from the environment. SmtpClient has no implicit TLS: EnableSsl is STARTTLS.
using System;
using System.Linq;
using System.Net;
using System.Net.Mail;

// SmtpClient is marked obsolete (CS0618) in favour of MailKit; programs in the world still use it.
#pragma warning disable 618

class SmtpSend
{
    static int Main()
    {
        Func<string, string> env = Environment.GetEnvironmentVariable;
        var client = new SmtpClient(env("HOST"), int.Parse(env("PORT")))
        {
            EnableSsl = env("SECURITY") != "plain",
            DeliveryMethod = SmtpDeliveryMethod.Network,
            UseDefaultCredentials = false,
            Timeout = 8000,
        };
        if (env("AUTH") != "none")
            client.Credentials = new NetworkCredential(env("USER_NAME"), env("PASSWORD"));
        try
        {
            client.Send(env("FROM"), "bob@example.org", "test", "hello");
            return 0;
        }
        catch (Exception x)
        {
            var shown = x.ToString().Split('\n').Select(l => l.TrimEnd('\r'))
                .Where(l => !l.TrimStart().StartsWith("at ") && !l.TrimStart().StartsWith("--- End of"));
            Console.Error.WriteLine(string.Join("\n", shown));
            return 1;
        }
    }
}
