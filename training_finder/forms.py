"""The search form. Its GET parameters are the ones the hidden-vacancy finder links with:
`occupation` (an ISCO-08 code, or words), `place` (a GeoNames id, or a name) and
`radius` (km); words are resolved here, or offered as choices when they are ambiguous."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from training_finder.models import Mode
from training_finder.occupations import resolve_occupation
from training_finder.search import (
    DEFAULT_RADIUS_KM,
    MAX_RADIUS_KM,
    MIN_RADIUS_KM,
    Criteria,
    Sort,
    resolve_place,
)

FIELDS = ("occupation", "place", "radius", "online", "mode", "free", "max_cost", "sort")
MAX_COST = 100_000
COST_MESSAGE = _("Give the highest cost as a whole number of euros, e.g. 500.")


def is_search(query):
    """Whether a query string asks for trainings (the empty search page does not)."""
    return any(name in query for name in FIELDS)


class TrainingSearchForm(forms.Form):
    occupation = forms.CharField(
        label=_("Job or occupation"),
        help_text=_("A job title or an ISCO-08 code, e.g. cook, forklift driver or 5120."),
        max_length=120,
        required=False,
    )
    place = forms.CharField(label=_("Town or city"), max_length=100, required=False)
    radius = forms.IntegerField(
        label=_("Within (km)"),
        min_value=MIN_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
        required=False,
    )
    online = forms.BooleanField(label=_("Online only"), required=False)
    mode = forms.ChoiceField(
        label=_("How it is given"),
        choices=[("", _("Any way")), *Mode.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose how the training is given from the list.")},
    )
    free = forms.BooleanField(label=_("Free trainings only"), required=False)
    max_cost = forms.IntegerField(
        label=_("Costing at most (€)"),
        min_value=0,
        max_value=MAX_COST,
        required=False,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), COST_MESSAGE),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=Sort.CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose how to sort from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        radius_message = gettext("Choose a distance from %(min)s to %(max)s km.") % {
            "min": MIN_RADIUS_KM,
            "max": MAX_RADIUS_KM,
        }
        for key in ("invalid", "min_value", "max_value"):
            self.fields["radius"].error_messages[key] = radius_message
        self.occupation_candidates = []
        self.place_candidates = []

    def clean_occupation(self):
        text = self.cleaned_data["occupation"]
        if not text:
            return None
        occupation, self.occupation_candidates = resolve_occupation(text)
        if occupation is None and not self.occupation_candidates:
            raise forms.ValidationError(
                _("No occupation matches “%(text)s”. Try other words, e.g. cook or electrician."),
                params={"text": text},
            )
        return occupation

    def clean_place(self):
        text = self.cleaned_data["place"]
        if not text:
            return None
        place, self.place_candidates = resolve_place(text)
        if place is None and not self.place_candidates:
            raise forms.ValidationError(
                _(
                    "We do not know a town called “%(text)s”. Check the spelling, "
                    "or try a bigger town nearby."
                ),
                params={"text": text},
            )
        return place

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("online") and cleaned.get("mode") in (Mode.IN_PERSON, Mode.BLENDED):
            self.add_error(
                "mode",
                _("“Online only” cannot be combined with trainings given in person or blended."),
            )
        return cleaned

    @property
    def uses_more_choices(self):
        """Whether mode, cost or order were chosen (or are wrong): their part of the form
        is then shown open."""
        data = self.data
        chosen = data.get("mode") or data.get("free") or data.get("max_cost")
        sorted_otherwise = (data.get("sort") or Sort.RETURN_TO_WORK) != Sort.RETURN_TO_WORK
        wrong = any(name in self.errors for name in ("mode", "max_cost", "sort"))
        return bool(chosen or sorted_otherwise or wrong)

    @property
    def needs_choice(self):
        return bool(self.occupation_candidates or self.place_candidates)

    def criteria(self):
        data = self.cleaned_data
        return Criteria(
            occupation=data.get("occupation"),
            place=data.get("place"),
            radius=data.get("radius") or DEFAULT_RADIUS_KM,
            online=bool(data.get("online")),
            mode=data.get("mode") or "",
            free=bool(data.get("free")),
            max_cost=data.get("max_cost"),
            sort=data.get("sort") or Sort.RETURN_TO_WORK,
        )

    @property
    def shown_occupation(self):
        """What the occupation input shows: the title once found, else what was typed."""
        found = self._found("occupation")
        return found.title if found else self.data.get("occupation", "")

    @property
    def shown_place(self):
        found = self._found("place")
        return found.name if found else self.data.get("place", "")

    @property
    def shown_radius(self):
        return self.data.get("radius") or DEFAULT_RADIUS_KM

    def _found(self, name):
        return getattr(self, "cleaned_data", {}).get(name)
