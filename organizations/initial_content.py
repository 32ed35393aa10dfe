"""The member organizations and the Partnership Council as the partnership's
source page lists them. Names are facts: they keep their Polish spelling exactly."""

import datetime

from .choices import LegalForm

JOINED_ON = datetime.date(2012, 2, 23)

# (name, short name, legal form)
MEMBER_ORGANIZATIONS = [
    ("Cech Rzemiosł Różnych w Legnicy", "", LegalForm.GUILD),
    (
        "Chrześcijańskie Stowarzyszenie Dobroczynne Oddział Terenowy w Legnicy",
        "",
        LegalForm.NATIONAL_BRANCH,
    ),
    ("Europejska Unia Aktywnych o/Legnica", "", LegalForm.NATIONAL_BRANCH),
    ("Fundacja ARCHE", "ARCHE", LegalForm.FOUNDATION),
    ("Fundacja AVATAR", "AVATAR", LegalForm.FOUNDATION),
    ("Internetowe Stowarzyszenie Seniorów", "", LegalForm.ASSOCIATION),
    ("Legnicki Klub Biznesu", "", LegalForm.ASSOCIATION),
    ("Legnickie Centrum Wolontariatu", "", LegalForm.OTHER),
    ("Legnickie Stowarzyszenie Amazonek AGATA", "AGATA", LegalForm.ASSOCIATION),
    ("Legnickie Stowarzyszenie Inicjatyw Obywatelskich", "", LegalForm.ASSOCIATION),
    ("Legnickie Stowarzyszenie Profilaktyki Uzależnień RAZEM", "RAZEM", LegalForm.ASSOCIATION),
    ("Młodzieżowa Rada Miejska w Legnicy", "", LegalForm.MUNICIPAL_BODY),
    ("Polskie Stowarzyszenie Szczęśliwych Emerytów", "", LegalForm.ASSOCIATION),
    ("Polskie Towarzystwo Higieniczne o/Legnica", "", LegalForm.NATIONAL_BRANCH),
    ("Polskie Towarzystwo Turystyczno-Krajoznawcze o/Legnica", "PTTK", LegalForm.NATIONAL_BRANCH),
    ("Poradnia Profilaktyki i Terapii Uzależnień MONAR", "MONAR", LegalForm.NATIONAL_BRANCH),
    (
        "Stowarzyszenie na Rzecz Aktywizacji Osób z Niepełnosprawnością Intelektualną "
        "i Ruchową ZIELONY DOM",
        "ZIELONY DOM",
        LegalForm.ASSOCIATION,
    ),
    ("Stowarzyszenie Centrum Mediacji TRIALOG w Legnicy", "TRIALOG", LegalForm.ASSOCIATION),
    (
        "Stowarzyszenie Działań Artystycznych i Kulturalnych FABRYKA TWÓRCZOŚCI",
        "FABRYKA TWÓRCZOŚCI",
        LegalForm.ASSOCIATION,
    ),
    ("Stowarzyszenie Inicjatyw Twórczych", "", LegalForm.ASSOCIATION),
    ("Stowarzyszenie Kibiców TYLKO MIEDŹ", "TYLKO MIEDŹ", LegalForm.ASSOCIATION),
    ("Stowarzyszenie Kobiet BABINIEC", "BABINIEC", LegalForm.ASSOCIATION),
    (
        "Stowarzyszenie Osób Niepełnosprawnych i Przyjaciół NADZIEJA",
        "NADZIEJA",
        LegalForm.ASSOCIATION,
    ),
    ("Stowarzyszenie PERSONA", "PERSONA", LegalForm.ASSOCIATION),
    ("Stowarzyszenie Rodzin Katolickich Diecezji Legnickiej", "", LegalForm.CHURCH_AFFILIATED),
    ("Stowarzyszenie Turystyki Rowerowej EKORAMA", "EKORAMA", LegalForm.ASSOCIATION),
    ("Towarzystwo Miłośników Legnicy PRO LEGNICA", "PRO LEGNICA", LegalForm.ASSOCIATION),
    ("Towarzystwo Miłośników Twórczości Zofii Kossak", "", LegalForm.ASSOCIATION),
    ("Towarzystwo Miłośników Wilna i Ziemi Wileńskiej o/Legnica", "", LegalForm.NATIONAL_BRANCH),
    ("Towarzystwo Przyjaciół Dzieci Oddział Miejski", "TPD", LegalForm.NATIONAL_BRANCH),
    ("Towarzystwo Przyjaciół Nauk w Legnicy", "", LegalForm.ASSOCIATION),
    (
        "Towarzystwo Wiedzy Powszechnej Oddział Regionalny w Legnicy",
        "TWP",
        LegalForm.NATIONAL_BRANCH,
    ),
]

# The source does not date the council's term; it is loaded as starting on the
# day the declaration was signed, for editors to correct.
COUNCIL_TERM_START = JOINED_ON

# (person, organization name)
COUNCIL_MEMBERS = [
    ("Marta Chmielewska", "Towarzystwo Miłośników Twórczości Zofii Kossak"),
    ("Jacek Bondarewicz", "Fundacja ARCHE"),
    ("Mariusz Kołodziej", "Legnickie Stowarzyszenie Inicjatyw Obywatelskich"),
    ("Tomasz Sokołowski", "Towarzystwo Przyjaciół Nauk w Legnicy"),
    ("Grzegorz Wala", "Legnickie Centrum Wolontariatu"),
]
