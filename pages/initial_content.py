"""The partnership's own pages as first loaded by `manage.py load_pomost`.

Names, dates and numbers come from the partnership's source page; the prose is
ours. Editors own these pages once loaded: the loader never rewrites them.
"""

import datetime

HOME = {
    "title": "POMOST – Platforma Organizacji MOST",
    "slug": "home",
    "intro": (
        "POMOST to porozumienie legnickich organizacji pozarządowych, które chcą "
        "działać skuteczniej razem: dzielić się doświadczeniem, wspierać swoich "
        "liderów i wspólnie rozmawiać z miastem."
    ),
    "body": [
        {
            "type": "paragraph",
            "value": (
                "<p>Platforma Organizacji MOST, w skrócie POMOST, zrzesza 32 organizacje "
                "trzeciego sektora z Legnicy. Partnerstwo powstało z doświadczeń wspólnych "
                "projektów i zostało przypieczętowane deklaracją podpisaną 23 lutego 2012 r.</p>"
                "<p>Razem budujemy partnerstwa, podnosimy kwalifikacje kadr, poprawiamy "
                "przepływ informacji między organizacjami i promujemy to, co legnickie "
                "NGO robią dla mieszkańców.</p>"
            ),
        }
    ],
}

HISTORY = {
    "title": "Historia",
    "slug": "historia",
    "show_in_menus": True,
    "intro": "Od szkoleń liderskich w 2008 roku do deklaracji 32 organizacji w 2012 roku.",
    "timeline": [
        {
            "type": "event",
            "value": {
                "date": "2008-01-01",
                "date_precision": "year",
                "title": "Narodziny idei POMOST-u",
                "description": (
                    "<p>Liderzy legnickich organizacji pozarządowych, poznając się na "
                    "wspólnych szkoleniach, przygotowali razem projekt Platformy "
                    "Organizacji MOST. Z projektu wyrosły m.in. Bal Organizacji "
                    "Pozarządowych, konferencje i szkolenia, Festiwal Legnickich "
                    "Organizacji Pozarządowych FLOP SHOW oraz wspólna strona internetowa.</p>"
                ),
            },
        },
        {
            "type": "event",
            "value": {
                "date": "2011-05-05",
                "date_precision": "day",
                "title": "Debata o przyszłości współpracy",
                "description": (
                    "<p>Gdy projekt dobiegł końca, w restauracji „Parkowa” zebrało się "
                    "prawie 50 osób z 33 legnickich organizacji pozarządowych, by "
                    "zastanowić się, co dalej. Debatę „Współpraca organizacji 3. sektora "
                    "na bazie doświadczeń Platformy Organizacji MOST (POMOST) i Festiwalu "
                    "Legnickich Organizacji Pozarządowych (FLOP)” zainicjował Tomasz "
                    "Sokołowski. Dorobek POMOST-u i FLOP SHOW podsumowali Mirosław "
                    "Jankowski (Legnickie Stowarzyszenie Inicjatyw Obywatelskich) i Łukasz "
                    "Zieliński (Stowarzyszenie Uliczne Laboratorium). W rozmowie ekspertów, "
                    "którą poprowadził Rafał Plezia (Fundacja Ekologiczna Zielona Akcja), "
                    "o współpracy między organizacjami mówili Krystyna Wiercińska "
                    "(Towarzystwo Przyjaciół Nauk w Legnicy), Grzegorz Wszelaczyński "
                    "(Legnicki Klub Biznesu) i Alina Jurczak (Ruch Kobiet do Walki z Rakiem "
                    "Piersi EUROPA DONNA – Legnica).</p>"
                    "<p>Uczestnicy pracowali w pięciu grupach roboczych:</p>"
                    "<ul>"
                    "<li>wolontariat, zwłaszcza wolontariusze w wieku 50+,</li>"
                    "<li>wymiana doświadczeń między legnickimi organizacjami pozarządowymi,</li>"
                    "<li>lobbing interesów legnickich NGO,</li>"
                    "<li>działania, które POMOST powinien prowadzić,</li>"
                    "<li>przyszłość POMOST-u: czym jest i czy powinien się sformalizować.</li>"
                    "</ul>"
                    "<p>Najwięcej emocji wzbudziła formalizacja. Zebrani postanowili "
                    "utworzyć nieformalne partnerstwo otwarte dla każdej legnickiej "
                    "organizacji pozarządowej.</p>"
                ),
            },
        },
        {
            "type": "event",
            "value": {
                "date": "2012-02-23",
                "date_precision": "day",
                "title": "Podpisanie deklaracji",
                "description": (
                    "<p>Po miesiącach rozmów i konsultacji tekst porozumienia był gotowy. "
                    "32 legnickie organizacje podpisały deklarację przystąpienia do "
                    "porozumienia na rzecz organizacji pozarządowych działających w "
                    "Legnicy w ramach Platformy Organizacji MOST.</p>"
                ),
            },
        },
    ],
    "body": [],
}

DECLARATION = {
    "title": "Deklaracja",
    "slug": "deklaracja",
    "show_in_menus": True,
    "intro": (
        "Porozumienie Platformy Organizacji MOST – „POMOST”: po co się umówiliśmy "
        "i dokąd zmierzamy."
    ),
    "goals": [
        ("Tworzenie partnerstw", "Łączymy organizacje przy wspólnych przedsięwzięciach."),
        ("Wsparcie liderów", "Pomagamy osobom, które prowadzą organizacje i projekty."),
        ("Podnoszenie kwalifikacji kadr", "Szkolimy członków, pracowników i wolontariuszy."),
        ("Lepsza komunikacja", "Dbamy o przepływ informacji między organizacjami."),
        ("Współpraca z gminą", "Wspieramy dialog i wspólne działania z samorządem Legnicy."),
        ("Wspólna promocja", "Razem pokazujemy mieszkańcom, co robi legnicki trzeci sektor."),
    ],
    "vision": (
        "<p>W dłuższej perspektywie POMOST ma być miejscem dobrowolnej współpracy i "
        "rozmowy legnickich organizacji pozarządowych, opartym na zaufaniu i dobrej "
        "atmosferze. Chcemy mieć wspólne zasoby, które podnoszą jakość pracy NGO, "
        "współtworzyć kulturalną, przyrodniczą i społeczną przestrzeń miasta i być "
        "wizytówką legnickiego trzeciego sektora, który szybko i skutecznie odpowiada "
        "na potrzeby mieszkańców – a przez to wzorem współpracy organizacji "
        "pozarządowych.</p>"
        "<p>Dzięki tej inicjatywie Legnica jako pierwsze polskie miasto ma wspólny "
        "portal internetowy organizacji pożytku publicznego.</p>"
    ),
    "signed_on": datetime.date(2012, 2, 23),
    "signed_place": "Legnica",
}

NEWS_INDEX = {
    "title": "Aktualności",
    "slug": "aktualnosci",
    "show_in_menus": True,
    "intro": "Wiadomości z życia partnerstwa i organizacji członkowskich.",
}

EVENT_INDEX = {
    "title": "Wydarzenia",
    "slug": "wydarzenia",
    "show_in_menus": True,
    "intro": "Spotkania, szkolenia, festiwale i akcje legnickich organizacji pozarządowych.",
}
