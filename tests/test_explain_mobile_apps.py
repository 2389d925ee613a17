"""Mobile mail apps' dialogs and notifications, as their users paste them, in English and in the languages the
apps ship, each read to the causes its words decide (issue 9: texts nobody here wrote).

Sources (each case names its own):
  AOSP    -- aosp-mirror/platform_packages_apps_email:res/values/strings.xml and res/values-{locale}/strings.xml
             (Android's Email app, the base of the stock mail apps of many phones; where each string is shown:
             src/com/android/email/EmailNotificationController.java (showLoginFailedNotificationSynchronous:
             login_failed_title over login_failed_ticker), activity/setup/CheckSettingsErrorDialogFragment.java
             (MessagingException.ACCESS_DENIED, PROTOCOL_VERSION_UNSUPPORTED, AUTODISCOVER_AUTHENTICATION_FAILED))
  UNIFIED -- LineageOS/android_packages_apps_UnifiedEmail:res/values/strings.xml (the mail UI the Email app shares:
             the sync_status array, "Couldn't sign in" for UIProvider.LastSyncResult.AUTH_ERROR)
  TBA     -- thunderbird/thunderbird-android:feature/account/oauth/src/main/res/values{,-LOCALE}/strings.xml
             (account_oauth_loading_error) and feature/account/server/validation/src/main/res/values{,-LOCALE}/strings.xml
             (account_server_validation_incoming_loading_error, _outgoing_: the title over the failed check's details)

Where the words cannot decide the cause (a wrong address or a protocol version the app lacks) the case asks only
for a failure -- never "fine", never declined. The neighbours at the end must not read as the new causes.
"""

from __future__ import annotations

import pytest
from helpers import causes_of

LOGIN = {"password-rejected", "username-wrong"}
DISABLED = {"protocol-disabled-for-account"}
OAUTH = {"oauth-token-rejected"}
ANY_FAILURE = None

CASES = [
    # --- A refused login: the notification, its title, the setup screen's warning, autodiscover's dialog.
    ("AOSP login_failed_title", "Couldn't sign in", LOGIN),
    ("AOSP login_failed_ticker", "jo@example.com signin unsuccessful.", LOGIN),
    ("AOSP login_failed_title + login_failed_ticker", "Couldn't sign in\nWork signin unsuccessful.", LOGIN),
    ("UNIFIED sync_status AUTH_ERROR", "Couldn't sign in\nSign-in", LOGIN),
    ("AOSP password_warning_label", "Email address or password are incorrect", LOGIN),
    ("AOSP account_setup_autodiscover_dlg_authfail",
     "Problem with account setup\nConfirm username, password, and account settings are correct.", LOGIN),
    ("AOSP login_failed_ticker de", "Anmeldung in Work erfolglos", LOGIN),
    ("AOSP login_failed_ticker it", "Accesso a jo@example.it non riuscito.", LOGIN),
    ("AOSP login_failed_ticker tr", "Work oturumu açılamadı.", LOGIN),
    ("AOSP login_failed_ticker pl", "Nie udało się zalogować na konto Praca.", LOGIN),
    ("AOSP login_failed_ticker ru", "Ошибка при входе в аккаунт Work.", LOGIN),
    ("AOSP login_failed_ticker ko", "Work에 로그인하지 못했습니다.", LOGIN),
    ("AOSP password_warning_label it", "La password o l'indirizzo email non sono corretti", LOGIN),
    ("AOSP password_warning_label tr", "E-posta adresi veya şifre yanlış", LOGIN),
    ("AOSP password_warning_label pl", "Nieprawidłowy adres e-mail lub hasło", LOGIN),
    ("AOSP password_warning_label ko", "이메일 주소 또는 비밀번호가 잘못되었습니다.", LOGIN),
    ("AOSP account_setup_autodiscover_dlg_authfail_message fr",
     "Veuillez confirmer que le nom d'utilisateur, le mot de passe et les paramètres du compte sont corrects.", LOGIN),
    ("AOSP account_setup_autodiscover_dlg_authfail_message de",
     "Bestätigen Sie, dass Nutzername, Passwort und Kontoeinstellungen richtig sind.", LOGIN),
    ("AOSP account_setup_autodiscover_dlg_authfail_message ja",
     "ユーザー名、パスワード、アカウントの設定が正しいか確認してください。", LOGIN),
    ("AOSP account_setup_autodiscover_dlg_authfail_message ru",
     "Убедитесь, что имя пользователя, пароль и параметры аккаунта указаны правильно.", LOGIN),
    ("AOSP account_setup_autodiscover_dlg_authfail_message zh-rCN", "请确认用户名、密码和帐户设置均正确无误。", LOGIN),
    # --- The login was taken but the account may not sync with this server (ActiveSync off for the mailbox).
    ("AOSP account_setup_failed_access_denied",
     "You don't have permission to sync with this server. Contact your server's administrator for more "
     "information.", DISABLED),
    ("AOSP account_setup_failed_dlg_title + account_setup_failed_access_denied",
     "Couldn't finish\nYou don't have permission to sync with this server. Contact your server's administrator for "
     "more information.", DISABLED),
    # --- Thunderbird for Android: the OAuth sign-in of the account setup, and the failed check of the settings.
    ("TBA account_oauth_loading_error", "OAuth sign in failed", OAUTH),
    ("TBA account_oauth_loading_error de", "Anmelden mit OAuth fehlgeschlagen", OAUTH),
    ("TBA account_oauth_loading_error fr", "Échec de connection avec OAuth", OAUTH),
    # The title of the failed check says only that it failed (so it is no row of its own: it would outweigh the
    # words of a server's message under it): the details under it decide.
    ("TBA validation title over an authentication error",
     "Checking incoming server settings failed\nAuthentication error\nDetails:\nCommand: AUTHENTICATE PLAIN; response: "
     "#2# [NO, [AUTHENTICATIONFAILED], Authentication failed.]", LOGIN),
    ("TBA validation title over a refused connection",
     "Checking incoming server settings failed\nNetwork error\nDetails:\nfailed to connect to imap.example.com/203.0.113.5 "
     "(port 993) from /10.0.0.2 (port 41234) after 10000ms: isConnected failed: ECONNREFUSED (Connection refused)",
     {"port-closed"}),
    # --- A wrong address or a protocol version the app lacks: the words name both, so only a failure.
    ("AOSP account_setup_failed_ioerror (no reason given)", "Couldn't finish\nCouldn't open connection to server.",
     ANY_FAILURE),
    ("AOSP account_setup_failed_protocol_unsupported",
     "You typed an incorrect server address or the server requires a protocol version that Email doesn't support.",
     ANY_FAILURE),
    ("AOSP account_setup_failed_protocol_unsupported de",
     "Sie haben eine falsche Serveradresse eingegeben oder der Server erfordert eine Protokollversion, die zurzeit "
     "nicht unterstützt wird.", ANY_FAILURE),
    ("AOSP account_setup_failed_protocol_unsupported fr",
     "L'adresse de serveur saisie est incorrecte ou le serveur exige une version du protocole non compatible avec "
     "E-mail.", ANY_FAILURE),
    ("AOSP account_setup_failed_protocol_unsupported es",
     "Has introducido una dirección de servidor incorrecta o el servidor requiere una versión de protocolo no "
     "compatible con la aplicación Correo.", ANY_FAILURE),
    ("AOSP account_setup_failed_protocol_unsupported nl",
     "U heeft een onjuist serveradres getypt of de server vereist een protocolversie die niet door E-mail wordt "
     "ondersteund.", ANY_FAILURE),
    ("AOSP account_setup_failed_protocol_unsupported ja",
     "入力したサーバーアドレスが間違っているか、サーバーで必要なプロトコルバージョンにメールが対応していません。", ANY_FAILURE),
]


@pytest.mark.parametrize(("source", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_a_mobile_app_s_dialog_reads_as_its_words_say(source: str, text: str, causes: set[str] | None) -> None:
    named = causes_of(text)
    assert named, f"{source}: called fine or not read"
    assert causes is None or named[0] in causes, (source, named[0])


@pytest.mark.parametrize(("text", "not_first"), [
    # The protocol-version dialog names a wrong address as one of two readings: no refused login, no switched-off
    # protocol is made of it.
    ("You typed an incorrect server address or the server requires a protocol version that Email doesn't support.",
     LOGIN | DISABLED),
    # A refused login says nothing of sync permission.
    ("Couldn't sign in\nWork signin unsuccessful.", DISABLED),
    # Permission words about something else than syncing with the mail server.
    ("You don't have permission to access this folder.", DISABLED),
    # A failed OAuth sign-in involves no password.
    ("OAuth sign in failed", LOGIN),
    # AOSP account_setup_failed_ioerror and account_setup_failed_dlg_server_message: no reason given, so a failure
    # (asked by the first test's ANY_FAILURE cases too) and no login or permission made of it.
    ("Couldn't finish\nCouldn't open connection to server.", LOGIN | DISABLED),
    ("Can't connect to server.", LOGIN | DISABLED),
])
def test_neighbours_do_not_read_as_the_new_causes(text: str, not_first: set[str]) -> None:
    assert not set(causes_of(text)[:1]) & not_first, (text, causes_of(text)[:1])
