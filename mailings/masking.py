"""Addresses shown to operators are masked: enough to recognise a mailing, not to harvest."""


def mask_address(address: str) -> str:
    """ "anna.svensson@kommun.example" -> "a***@kommun.example"; blank (blanked mail) -> "–"."""
    if not address:
        return "–"
    local, _, domain = address.rpartition("@")
    if not local:
        return "***"
    return f"{local[0]}***@{domain}"
