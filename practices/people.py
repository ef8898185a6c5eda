"""How people are named to others: in the admin's lists and history, and in e-mails."""


def person_name(user) -> str:
    """Their full name, else their user name; "" for nobody."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()
