"""Settings shared by every environment; each value can be overridden from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from zastita.config.settings.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]
REPO_DIR = PACKAGE_DIR.parents[1]
VAR_DIR = Path(env_str("ZASTITA_VAR_DIR", str(REPO_DIR / "var")))

# A placeholder that production refuses (see production.py).
INSECURE_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", INSECURE_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django-otp's framework only: its TOTP and static plugins keep secrets in clear, and
    # are not installed (accounts.SealedTOTPDevice and RecoveryCodeDevice replace them).
    "django_otp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "zastita.core",
    "zastita.accounts",
    "zastita.audit",
    "zastita.partners",
    "zastita.people",
    "zastita.intake",
    "zastita.identification",
    "zastita.cases",
    "zastita.drafts",
    # Deadlines before notifications: the worker runs the periodic jobs in the order the apps
    # registered them, so a step the deadlines' pass takes is delivered in the same pass.
    "zastita.deadlines",
    "zastita.notifications",
    "zastita.assignments",
    "zastita.writtenforms",
    "zastita.documents",
    "zastita.api",
    "zastita.site",
]

# Order matters. The header middlewares come first (outermost), so that every response gets
# their headers whoever made it: a page, an API answer, a file, an error, a redirect, the MFA
# gate's refusal, an SSL redirect. The API's error format is applied inside them and inside
# the language, so a rebuilt error keeps the headers and speaks the caller's language.
MIDDLEWARE = [
    "zastita.core.middleware.RequestContextMiddleware",
    "zastita.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zastita.core.middleware.LanguageMiddleware",
    "zastita.site.middleware.ApiErrorFormatMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zastita.accounts.middleware.SessionTimeoutMiddleware",
    "zastita.accounts.middleware.MFARequiredMiddleware",
    "zastita.assignments.glass.GlassGrantsMiddleware",
    "zastita.drafts.middleware.DraftCleanupMiddleware",
    "zastita.site.middleware.ApplicationErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The largest request body read into memory (uploaded files are not counted): a report's
# texts come to well under 1 MiB in UTF-8; a larger body is refused with a 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

ROOT_URLCONF = "zastita.config.urls"
# Errors at their field: the project's field template (core/forms/field.html).
FORM_RENDERER = "zastita.core.forms.FormRenderer"
WSGI_APPLICATION = "zastita.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zastita.site.context_processors.shell",
                "zastita.drafts.context_processors.drafts",
            ],
        },
    }
]


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL")
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
        config["ATOMIC_REQUESTS"] = False
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(VAR_DIR / "zastita.sqlite3"),
        "OPTIONS": {
            # WAL lets the web server read while the worker writes; IMMEDIATE takes the
            # write lock at BEGIN so concurrent writers queue instead of failing mid-way.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked account before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "zastita.accounts.backends.UsernameBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["username", "full_name", "email"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions live on the server; the middleware enforces idle and absolute limits.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
ZASTITA_SESSION_IDLE_SECONDS = env_int("ZASTITA_SESSION_IDLE_SECONDS", 15 * 60)
ZASTITA_SESSION_ABSOLUTE_SECONDS = env_int("ZASTITA_SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
# The warning before the idle limit, and how long an unsent form's draft is kept.
ZASTITA_SESSION_WARNING_SECONDS = env_int("ZASTITA_SESSION_WARNING_SECONDS", 2 * 60)
ZASTITA_DRAFT_DAYS = env_int("ZASTITA_DRAFT_DAYS", 7)
# Services arranged for a case: above this cost (RSD) the head of service decides; a cost
# above the ceiling is refused as a typing error.
ZASTITA_ENGAGEMENT_DECISION_ABOVE = env_int("ZASTITA_ENGAGEMENT_DECISION_ABOVE", 30_000)
ZASTITA_ENGAGEMENT_COST_CEILING = env_int("ZASTITA_ENGAGEMENT_COST_CEILING", 2_000_000)
# How often a case is reviewed (поновни преглед), in days, unless set on the case.
ZASTITA_REVIEW_EVERY_DAYS = env_int("ZASTITA_REVIEW_EVERY_DAYS", 91)
SESSION_COOKIE_AGE = ZASTITA_SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "zastita_session"
CSRF_COOKIE_NAME = "zastita_csrf"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("ZASTITA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_NAME = "zastita_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

# MFA: every account must pass TOTP (or a recovery code) before it reaches any data.
ZASTITA_MFA_REQUIRED = env_bool("ZASTITA_MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "Zastita"
OTP_TOTP_THROTTLE_FACTOR = 1

# Lockout: five failures lock the account (by username, whether or not it exists) until
# an administrator unlocks it.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username"]
# Failures are cleared only after the second factor too (accounts.views._signed_in), so
# wrong codes across several password sign-ins still add up to a lockout.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_COOLOFF_TIME = None
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_IPWARE_PROXY_COUNT = env_int("ZASTITA_PROXY_COUNT", 0) or None
# Every field that carries a secret on any sign-in step is stored masked in axes' records:
# passwords (sign-in, change, an account's initial one), second-factor and recovery codes,
# activation codes. tests/accounts/test_secrets.py posts a canary to each step.
AXES_SENSITIVE_PARAMETERS = [
    "password",
    "old_password",
    "new_password",
    "new_password_again",
    "token",
    "otp_token",
    "code",
    "secret",
    "csrfmiddlewaretoken",
]

# Security headers. HSTS and SSL redirect are switched on in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "sr"
LANGUAGES = [
    ("sr", "Српски (ћирилица)"),
    ("sr-latn", "Srpski (latinica)"),
    ("en", "English"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# "30. новембра 2026.": the long date with the month in the genitive (core/formats).
FORMAT_MODULE_PATH = ["zastita.core.formats"]
TIME_ZONE = "Europe/Belgrade"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Encryption keys never live in the database: a JSON keyring from a file or the environment.
ZASTITA_KEYS_FILE = env_str("ZASTITA_KEYS_FILE")
ZASTITA_KEYS = env_str("ZASTITA_KEYS")
# Ethnicity is special-category data (GDPR art. 9): not recorded unless the Center decides
# to, for a stated statistical purpose.
ZASTITA_RECORD_ETHNICITY = env_bool("ZASTITA_RECORD_ETHNICITY", False)
# Notifications. Links in them are absolute: the site's public address.
ZASTITA_SITE_URL = env_str("ZASTITA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# E-mail: SMTP in production; the demo writes to a local outbox folder (settings.local).
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("ZASTITA_EMAIL_HOST", "localhost"),
            "port": env_int("ZASTITA_EMAIL_PORT", 25),
            "username": env_str("ZASTITA_EMAIL_USER"),
            "password": env_str("ZASTITA_EMAIL_PASSWORD"),
            "use_tls": env_bool("ZASTITA_EMAIL_TLS", False),
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("ZASTITA_EMAIL_FROM", "zastita@localhost")
# An outgoing webhook (an SMS gateway, a pager): a signed JSON POST per event.
ZASTITA_WEBHOOK_URL = env_str("ZASTITA_WEBHOOK_URL")
ZASTITA_WEBHOOK_SECRET = env_str("ZASTITA_WEBHOOK_SECRET")
ZASTITA_WEBHOOK_MAX_ATTEMPTS = env_int("ZASTITA_WEBHOOK_MAX_ATTEMPTS", 8)
# Report attachments: encrypted, outside the web root.
ZASTITA_ATTACHMENTS_DIR = Path(env_str("ZASTITA_ATTACHMENTS_DIR", str(VAR_DIR / "attachments")))
ZASTITA_ATTACHMENT_MAX_BYTES = env_int("ZASTITA_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# How often the worker looks at the response clocks and the notification outbox (seconds).
ZASTITA_CLOCK_INTERVAL = env_int("ZASTITA_CLOCK_INTERVAL", 15)
# How often the duty board asks whether a notification arrived (seconds).
ZASTITA_DUTY_POLL_SECONDS = env_int("ZASTITA_DUTY_POLL_SECONDS", 20)
# The indicator sets and decision rules (YAML); empty: the draft shipped with the system.
ZASTITA_INDICATOR_RULES = env_str("ZASTITA_INDICATOR_RULES")
# Demo helpers (printing a demo user's current TOTP code) exist only where this is on.
ZASTITA_DEMO_TOOLS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zastita.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "()": "zastita.core.logging.SafeFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("ZASTITA_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs full request paths and bodies on errors; paths carry no personal data
        # by design, and request bodies are never logged.
        "django.request": {"level": "ERROR"},
        # axes would log usernames on every failure; the audit trail records ids instead.
        "axes": {"level": "ERROR"},
    },
}
CSRF_FAILURE_VIEW = "zastita.site.views.csrf_failure"
# axes.W006 asks to lock by IP address as well. The Center's staff share a few office
# addresses: an IP lock would let one mistyping colleague lock everybody out. Lockout is
# by account, as required; the account stays locked until an administrator unlocks it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
