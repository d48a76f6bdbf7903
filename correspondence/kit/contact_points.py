"""E-mail addresses and mobile numbers: validation and normal forms (contract §5).

Mobiles are stored in E.164, e-mails as the validator normalises them, so duplicates compare equal.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email


class InvalidContactPoint(ValueError):
    pass


def normalize_email(value: str) -> str:
    try:
        return str(validate_email(value.strip(), check_deliverability=False).normalized)
    except EmailNotValidError as error:
        raise InvalidContactPoint(f"Not a valid e-mail address: {error}") from None


def email_key(address: str) -> str:
    """E-mail addresses compare case-insensitively when removing duplicates."""
    return address.casefold()


def normalize_mobile(value: str, *, from_registry: bool = False) -> str:
    """A mobile number in E.164.

    Senders must give the country code (`+` or `00`); registry copies hold bare 8-digit Norwegian mobiles
    (starting with 4 or 9), which get +47 when `from_registry` is set.
    """
    text = re.sub(r"[\s\-()]", "", value)
    if from_registry and re.fullmatch(r"[49]\d{7}", text):
        text = "+47" + text
    if re.fullmatch(r"\d{1,5}", text):
        raise InvalidContactPoint("Short numbers (5 digits or fewer) cannot receive SMS.")
    if text.startswith("00"):
        text = "+" + text[2:]
    if not text.startswith("+"):
        raise InvalidContactPoint("A mobile number must start with its country code, as + or 00.")
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException as error:
        raise InvalidContactPoint(f"Not a valid mobile number: {error}") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidContactPoint("Not a valid mobile number.")
    national = str(number.national_number)
    if number.country_code == 47 and national[0] not in "49":
        raise InvalidContactPoint("A Norwegian mobile number starts with 4 or 9.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
