"""The transactional sending services (relays) as their users paste their refusals: their HTTP APIs' and SDKs'
error bodies and exceptions, and their SMTP replies, each read as the cause the relay's own words give.

Each case is a message as the service or its SDK prints it (the wording verified at the source named beside it;
addresses, domains and request ids filled in as a user's paste has them) and the causes it may honestly be read as.
The relay's words decide, never an HTTP status alone: a refused API key or token reads as password-rejected; an
unverified sender identity or domain as sender-address-not-allowed; a quota or rate as sending-limit-exceeded; a
sandbox that sends only to the account's own or authorised addresses, which refuses the RECIPIENT and which no cause
of the catalogue names, as the generic permanent refusal (server-reply-permanent), as Mailgun's sandbox is read in
tests/test_explain_relays.py.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

PASSWORD = {"password-rejected"}
SENDER = {"sender-address-not-allowed"}
LIMIT = {"sending-limit-exceeded"}
SANDBOX = {"server-reply-permanent"}
NO_LOGIN = {"smtp-auth-not-enabled", "auth-required"}

SES_UNVERIFIED = ("Email address is not verified. The following identities failed the check in region US-EAST-1:"
                  " noreply@example.org")
SENDGRID_IDENTITY = ("The from address does not match a verified Sender Identity. Mail cannot be sent until this error"
                     " is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see"
                     " the Sender Identity requirements")
POSTMARK_SIGNATURE = ("The 'From' address you supplied (noreply@example.org) is not a Sender Signature on your account."
                      " Please add and confirm this address in order to be able to use it in the 'From' field of your"
                      " messages.")
RESEND_SANDBOX = ("You can only send testing emails to your own email address (owner@example.org). To send emails to"
                  " other recipients, please verify a domain at resend.com/domains, and change the `from` address to an"
                  " email using this domain.")

CASES = [
    # --- Amazon SES through the AWS SDKs. botocore's ClientError is "An error occurred (CODE) when calling the OP
    # operation: MESSAGE" (boto/botocore:botocore/exceptions.py ClientError.MSG_TEMPLATE).
    # MessageRejected: the sender (and in the sandbox each recipient) must be a verified identity
    # (repost.aws/knowledge-center/ses-554-400-message-rejected-error).
    ("An error occurred (MessageRejected) when calling the SendEmail operation: " + SES_UNVERIFIED, SENDER),
    ("MessageRejected: " + SES_UNVERIFIED, SENDER),
    # InvalidClientTokenId / UnrecognizedClientException: an access key AWS does not know (drewblas/aws-ses#14,
    # joelcox/codeigniter-amazon-ses#25, Mailtrain-org/mailtrain#1031 quoting SES's SMTP answer).
    ("An error occurred (InvalidClientTokenId) when calling the SendEmail operation: The security token included in"
     " the request is invalid.", PASSWORD),
    ("AWS::SES::ResponseError: AWS::SES Response Error: InvalidClientTokenIdThe security token included in the request"
     " is invalid", PASSWORD),
    ("SMTP response: The security token included in the request is invalid.", PASSWORD),
    # SignatureDoesNotMatch: SMTP credentials (or a wrong secret) used to sign API calls (aws/aws-sdk-js#1443,
    # aws/aws-sdk#467).
    ("An error occurred (SignatureDoesNotMatch) when calling the SendRawEmail operation: The request signature we"
     " calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
     " Consult the service documentation for details.", PASSWORD),
    # Throttling: the account's rate and daily quota (docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html).
    ("An error occurred (Throttling) when calling the SendEmail operation: Maximum sending rate exceeded.", LIMIT),
    ("An error occurred (Throttling) when calling the SendRawEmail operation: Daily message quota exceeded.", LIMIT),
    # SES's SMTP interface (docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html).
    ("Invalid login: 535 Authentication Credentials Invalid", PASSWORD),

    # --- SendGrid's v3 API: its error body {"errors":[{"message":...,"field":...,"help":...}]}.
    # A wrong, deleted or truncated API key (sendgrid/sendgrid-php#793, sendgrid/sendgrid-nodejs#998, Azure runbooks
    # MicrosoftDocs/azure-docs#44245).
    ('{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,'
     '"help":null}]}', PASSWORD),
    ("401 Unauthorized {\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\","
     "\"field\":null,\"help\":null}]}", PASSWORD),
    # The From address is no verified Sender Identity (HTTP 403; twilio.com/docs/api/errors/60222).
    ('{"errors":[{"message":"' + SENDGRID_IDENTITY + '","field":"from","help":null}]}', SENDER),
    # The plan's credits used up (sendgrid.com/docs/for-developers/sending-email/smtp-errors-and-troubleshooting).
    ('{"errors":[{"field":null,"message":"Maximum credits exceeded"}]}', LIMIT),
    # Its SMTP relay to a client that did not log in (the same page; twisted's wording too).
    ("550 Unauthenticated senders not allowed", NO_LOGIN),

    # --- Postmark's API: {"ErrorCode": N, "Message": ...} (postmarkapp.com/developer/api/overview#error-codes).
    # ErrorCode 400, the From address no sender signature (feedadoc/feedadoc#110; postmark-gem's ApiInputError).
    ("Postmark::ApiInputError: " + POSTMARK_SIGNATURE, SENDER),
    ('{"ErrorCode":400,"Message":"' + POSTMARK_SIGNATURE + '"}', SENDER),
    ("422 " + POSTMARK_SIGNATURE, SENDER),
    # ErrorCode 401, a signature not yet confirmed.
    ('{"ErrorCode":401,"Message":"Sender signature not confirmed."}', SENDER),
    # ErrorCode 10, the Server token wrong or an Account token in its place (PipedreamHQ/pipedream#10254), in its
    # older wording as PostmarkDotNet raises it, and postmark-php's own exception for HTTP 401
    # (ActiveCampaign/postmark-php#34).
    ('{"ErrorCode":10,"Message":"Request does not contain a valid Server token."}', PASSWORD),
    ("PostmarkDotNet.Exceptions.PostmarkValidationException: The Server Token you provided in the"
     " X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.", PASSWORD),
    ("Postmark\\Models\\PostmarkException' with message 'Unauthorized: Missing or incorrect API token in header. Please"
     " verify that you used the correct token when you constructed your client.'", PASSWORD),
    # ErrorCode 406, a recipient on the suppression list: the recipient's doing (ActiveCampaign/postmark-php#35).
    ("Postmark::InactiveRecipientError: You tried to send to recipient(s) that have been marked as inactive. Found"
     " inactive addresses: alice@example.org.", SANDBOX),

    # --- Mailgun's API: its sandbox domain sends only to the authorised recipients (help.mailgun.com 217531258), as
    # its REST answer quotes it (a 400 or 403 with {"message": ...}); its SMTP login refusal.
    ('{\n  "message": "Sandbox subdomains are for test purposes only. Please add your own domain or add the address to'
     ' authorized recipients in Account Settings."\n}', SANDBOX),
    ('{"code":"EAUTH","response":"535 5.7.0 Mailgun is not loving your login or password","responseCode":535}',
     PASSWORD),

    # --- Resend's API: {statusCode, name, message} (resend.com/docs/api-reference/errors).
    # 403 validation_error: the From domain not verified (resend.com/docs/knowledge-base/403-error-domain-mismatch).
    ("{ statusCode: 403, message: 'The example.org domain is not verified. Please, add and verify your domain on"
     " https://resend.com/domains', name: 'validation_error' }", SENDER),
    ("The gmail.com domain is not verified. Please, add and verify your domain on https://resend.com/domains", SENDER),
    # 403 validation_error: the onboarding sandbox sends only to the account's own address.
    ("{ statusCode: 403, message: '" + RESEND_SANDBOX + "', name: 'validation_error' }", SANDBOX),
    (RESEND_SANDBOX, SANDBOX),

    # --- MailerSend's API: {"message": ..., "errors": {field: [...]}} with #MS codes.
    # #MS42207, the From domain not verified (jihan431/yessir:fixredori/FIX_MAILERSEND_DOMAIN.md).
    ('{"message":"The given data was invalid.","errors":{"from.email":["The from.email domain must be verified in your'
     ' account to send emails. #MS42207"]}}', SENDER),
    # #MS42225, a trial account sends only to its administrator (MarcPico22/PruebaWhop:MAILERSEND_TRIAL_INFO.md).
    ('{"message":"Trial accounts can only send emails to the administrator\'s email. #MS42225","errors":{"to":'
     '["Trial accounts can only send emails to the administrator\'s email. #MS42225"]}}', SANDBOX),

    # --- Azure Communication Services Email: DomainNotLinked, the From domain not connected to the resource
    # (MicrosoftDocs/azure-docs#123379 quotes its SMTP relay's "5.1.7 The specified sender domain has not been
    # linked."), as Azure.Core's RequestFailedException ("Status: 404 (Not Found)", then the ErrorCode) and the
    # JavaScript SDK's RestError print it.
    ("Azure.RequestFailedException: The specified sender domain has not been linked.\nStatus: 404 (Not Found)\n"
     "ErrorCode: DomainNotLinked", SENDER),
    ("RestError: The specified sender domain has not been linked.", SENDER),
    ("The server response was: 5.1.7 The specified sender domain has not been linked.", SENDER),

    # --- SparkPost's Transmissions API: code 7001 (formerly 1100), an unconfigured or unverified sending domain
    # (tjtate/sparkpost-api-documentation:services/transmissions.md).
    ('{"errors":[{"description":"Unconfigured or unverified sending domain.","code":"7001","message":"Invalid domain"}]}',
     SENDER),

    # --- Mailjet's Send API v3.1: a wrong API key or secret (mailjet/mailjet-apiv3-go:mailjet_client_test.go).
    ('{"ErrorIdentifier":"ee25f1a5-ac17-457f-8deb-e8bce14a2cc7","StatusCode":401,"ErrorMessage":"API key'
     ' authentication/authorization failure. You may be unauthorized to access the API or your API key may be expired.'
     ' Visit API keys management section to check your keys."}', PASSWORD),
    ('"noreply@example.org" is not an authorized sender email address for your account.', SENDER),

    # --- Brevo (Sendinblue): the transactional log's reason for a sender not validated in the account
    # (askinguray-debug/d1-template:BREVO_SENDER_VERIFICATION_FIX.md, DonDon14/clearpay).
    ("Sending has been rejected because the sender you used noreply@example.org is not valid. Validate your sender or"
     " authenticate your domain", SENDER),

    # --- Mailtrap Email Sending (mailtrap/mailtrap-docs:documentation/email-api-smtp/troubleshooting/): a From
    # domain that is not the verified sending domain, at MAIL FROM and in the From header; its demo domain sends only
    # to the account owner.
    ("Error: Mail command failed: 550 5.7.1 Sending from domain is not allowed", SENDER),
    ("The mail server responded: Sending from domain example.org is not allowed", SENDER),
    ("From: Header does not match the sender's domain", SENDER),
    ("MailtrapError: Demo domains can only be used to send emails to account owners", SANDBOX),
    ("Error: Demo domains can only be used to send emails to account owners. You can only send testing emails to your"
     " own email address.", SANDBOX),
]


@pytest.mark.parametrize(("text", "causes"), CASES)
def test_relay_api_refusal_reads_as_the_relays_own_words(text: str, causes: set[str]) -> None:
    try:
        report = explain(text)
    except InputError as e:
        pytest.fail(f"declined: {e}")
    assert report.diagnoses, "called fine"
    assert report.diagnoses[0].cause in causes, [d.cause for d in report.diagnoses[:3]]


# An HTTP status with its reason phrase and nothing of the relay's words says nothing of why: it is not read as an
# SMTP reply (Azure.Core's "Status: 401 (Unauthorized)" is no SMTP 4xx deferral).
@pytest.mark.parametrize("text", [
    "Azure.RequestFailedException: Status: 401 (Unauthorized)",
    "Azure.RequestFailedException: Status: 404 (Not Found)",
])
def test_an_http_status_alone_is_not_an_smtp_reply(text: str) -> None:
    try:
        report = explain(text)
    except InputError:
        return
    assert not any(d.cause == "server-reply-transient" for d in report.diagnoses), [d.cause for d in report.diagnoses]
