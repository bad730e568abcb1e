"""The portal's language: Vietnamese unless the user chose English.

Django's LocaleMiddleware follows the browser's Accept-Language, and office PCs and phones in
the wards often run an English browser: their officials would get an English portal they never
asked for. Here only an explicit choice counts (the language cookie written by the
`set_language` view, from the switcher at the foot of every page)."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
