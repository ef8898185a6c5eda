"""The one way dates and times are written across the site and the admin (FORMAT_MODULE_PATH):
"3 December 2026" and "3 December 2026, 09:38", in the site's time zone (TIME_ZONE).

Django's own English formats ("Dec. 3, 2026, 9:38 a.m.") would otherwise win over the settings'
DATE_FORMAT and DATETIME_FORMAT. Input formats stay Django's.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
