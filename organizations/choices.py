"""Fixed vocabularies of an organization profile."""

from django.db import models


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", "Stowarzyszenie"
    FOUNDATION = "foundation", "Fundacja"
    GUILD = "guild", "Cech"
    CHURCH_AFFILIATED = "church_affiliated", "Organizacja kościelna lub wyznaniowa"
    NATIONAL_BRANCH = "national_branch", "Oddział organizacji ogólnopolskiej"
    MUNICIPAL_BODY = "municipal_body", "Jednostka lub organ samorządu"
    OTHER = "other", "Inna"


class PublicBenefitArea(models.TextChoices):
    """Areas of public benefit, art. 4 ust. 1 of the Polish Act on Public Benefit
    and Volunteer Work (ustawa o działalności pożytku publicznego i o wolontariacie)."""

    SOCIAL_WELFARE = (
        "social_welfare",
        "Pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej",
    )
    FAMILY_SUPPORT = "family_support", "Wspieranie rodziny i systemu pieczy zastępczej"
    LEGAL_AID = (
        "legal_aid",
        "Nieodpłatna pomoc prawna i zwiększanie świadomości prawnej społeczeństwa",
    )
    SOCIAL_INTEGRATION = (
        "social_integration",
        "Integracja i reintegracja zawodowa i społeczna osób zagrożonych wykluczeniem społecznym",
    )
    CHARITY = "charity", "Działalność charytatywna"
    NATIONAL_TRADITION = (
        "national_tradition",
        "Podtrzymywanie i upowszechnianie tradycji narodowej, "
        "rozwój świadomości narodowej, obywatelskiej i kulturowej",
    )
    MINORITIES = (
        "minorities",
        "Działalność na rzecz mniejszości narodowych i etnicznych oraz języka regionalnego",
    )
    FOREIGNERS_INTEGRATION = (
        "foreigners_integration",
        "Działalność na rzecz integracji cudzoziemców",
    )
    HEALTH = "health", "Ochrona i promocja zdrowia"
    DISABILITY = "disability", "Działalność na rzecz osób z niepełnosprawnościami"
    EMPLOYMENT = "employment", "Promocja zatrudnienia i aktywizacji zawodowej"
    EQUAL_RIGHTS = "equal_rights", "Równe prawa kobiet i mężczyzn"
    SENIORS = "seniors", "Działalność na rzecz osób w wieku emerytalnym"
    ECONOMIC_DEVELOPMENT = (
        "economic_development",
        "Rozwój gospodarczy, w tym rozwój przedsiębiorczości",
    )
    INNOVATION = "innovation", "Rozwój techniki, wynalazczości i innowacyjności"
    LOCAL_COMMUNITIES = "local_communities", "Rozwój wspólnot i społeczności lokalnych"
    EDUCATION = "education", "Nauka, szkolnictwo wyższe, edukacja, oświata i wychowanie"
    CHILDREN_YOUTH = (
        "children_youth",
        "Działalność na rzecz dzieci i młodzieży, w tym wypoczynek dzieci i młodzieży",
    )
    CULTURE = "culture", "Kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego"
    SPORT = "sport", "Wspieranie i upowszechnianie kultury fizycznej"
    ECOLOGY = "ecology", "Ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego"
    TOURISM = "tourism", "Turystyka i krajoznawstwo"
    PUBLIC_SAFETY = "public_safety", "Porządek i bezpieczeństwo publiczne"
    DEFENCE = "defence", "Obronność państwa i działalność Sił Zbrojnych RP"
    HUMAN_RIGHTS = (
        "human_rights",
        "Wolności i prawa człowieka, swobody obywatelskie, rozwój demokracji",
    )
    RESCUE = "rescue", "Ratownictwo i ochrona ludności"
    DISASTER_RELIEF = (
        "disaster_relief",
        "Pomoc ofiarom katastrof, klęsk żywiołowych, konfliktów zbrojnych i wojen",
    )
    CONSUMER_RIGHTS = "consumer_rights", "Upowszechnianie i ochrona praw konsumentów"
    EUROPEAN_INTEGRATION = (
        "european_integration",
        "Integracja europejska oraz współpraca między społeczeństwami",
    )
    VOLUNTEERING = "volunteering", "Promocja i organizacja wolontariatu"
    POLISH_DIASPORA = "polish_diaspora", "Pomoc Polonii i Polakom za granicą"
    VETERANS = "veterans", "Działalność na rzecz weteranów i weteranów poszkodowanych"
    PROMOTING_POLAND = "promoting_poland", "Promocja Rzeczypospolitej Polskiej za granicą"
    FAMILY_CHILD_RIGHTS = (
        "family_child_rights",
        "Rodzina, macierzyństwo, rodzicielstwo, ochrona praw dziecka",
    )
    ADDICTION_PREVENTION = (
        "addiction_prevention",
        "Przeciwdziałanie uzależnieniom i patologiom społecznym",
    )
    REVITALISATION = "revitalisation", "Rewitalizacja"
    NGO_SUPPORT = "ngo_support", "Działalność na rzecz organizacji pozarządowych"
