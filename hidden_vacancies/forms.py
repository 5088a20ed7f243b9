"""The search form: what a person typed, checked and turned into a search.Query."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hidden_vacancies import search
from hidden_vacancies.lookup import resolve_place
from hidden_vacancies.models import SizeBand
from hidden_vacancies.occupations import resolve_occupation
from hidden_vacancies.sectors import SECTIONS


def _no_nul(value):
    if "\x00" in value:
        raise forms.ValidationError(_("This text contains a character that is not allowed."))


class SearchForm(forms.Form):
    occupation = forms.CharField(
        label=_("Occupation"),
        max_length=200,
        validators=[_no_nul],
        help_text=_("A job title, e.g. cook, nurse, truck driver."),
    )
    place = forms.CharField(
        label=_("Town or city"),
        max_length=120,
        validators=[_no_nul],
        help_text=_("Where you want to work."),
    )
    radius = forms.IntegerField(
        label=_("Distance (km)"),
        min_value=search.MIN_RADIUS_KM,
        max_value=search.MAX_RADIUS_KM,
        required=False,
        initial=search.DEFAULT_RADIUS_KM,
    )
    size = forms.ChoiceField(
        label=_("Company size"),
        choices=[("", _("Any size")), *SizeBand.choices],
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Any sector")), *SECTIONS], required=False
    )
    order = forms.ChoiceField(
        label=_("Order"),
        choices=[
            (search.SHUFFLE, _("Best chances first, mixed daily")),
            (search.DISTANCE, _("Nearest first")),
        ],
        required=False,
    )
    # Only links set the page: a page out of range shows the nearest one, not an error.
    page = forms.CharField(required=False, max_length=10)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.occupation_choices, self.place_choices, self.other_places = [], [], []

    def clean_occupation(self):
        occupation, candidates = resolve_occupation(self.cleaned_data["occupation"])
        if occupation is None:
            self.occupation_choices = candidates
            if candidates:
                raise forms.ValidationError(_("Which occupation do you mean? Choose one below."))
            raise forms.ValidationError(
                _("We do not know this occupation. Try another word, e.g. cook or nurse.")
            )
        return occupation

    def clean_place(self):
        municipality, others = resolve_place(self.cleaned_data["place"])
        if municipality is None:
            self.place_choices = others
            if others:
                raise forms.ValidationError(_("Which place do you mean? Choose one below."))
            raise forms.ValidationError(_("We do not know this place. Check the spelling."))
        self.other_places = others
        return municipality

    def clean_page(self):
        value = self.cleaned_data.get("page") or ""
        number = int(value) if value.isascii() and value.isdigit() else 1
        return min(max(number, 1), search.MAX_PAGE)

    def query(self):
        data = self.cleaned_data
        municipality = data["place"]
        return search.Query(
            occupation_id=data["occupation"].pk,
            latitude=municipality.latitude,
            longitude=municipality.longitude,
            radius_km=data.get("radius") or search.DEFAULT_RADIUS_KM,
            size_band=data.get("size") or "",
            section=data.get("sector") or "",
            order=data.get("order") or search.SHUFFLE,
            page=data.get("page") or 1,
        )
