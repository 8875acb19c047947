"""`decode_bytes`: turning the raw bytes of one input into text, or refusing them with a reason."""

from __future__ import annotations

import codecs
import random

import pytest

from actorgraph.errors import InputError
from actorgraph.ingest.decode import decode_bytes

# A short wire story with typographic punctuation and a few non-ASCII letters.
WIRE_STORY = (
    "GENEVA — Negotiators from Armenia and Azerbaijan met for a third day on Thursday, "
    "and a Swiss mediator said the “atmosphere was serious but not hostile”.\n"
    "The talks at the Palais des Nations focused on the return of detainees and on a "
    "border commission that both governments agreed to in principle last year. "
    "Foreign minister Ararat Mirzoyan’s office declined to comment.\n"
)


class Recorder:
    """A `warn` callback that remembers what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, source: str, message: str) -> None:
        self.calls.append((source, message))

    @property
    def messages(self) -> list[str]:
        return [message for _source, message in self.calls]


# --- Unicode encodings ---------------------------------------------------------------------------


def test_utf8_text_is_returned_unchanged_without_warnings() -> None:
    warn = Recorder()
    text = WIRE_STORY + "Москва и Киев обменялись пленными, сообщил омбудсмен.\n"

    assert decode_bytes(text.encode("utf-8"), "wire.txt", warn) == text
    assert warn.calls == []


def test_utf8_byte_order_mark_is_dropped() -> None:
    warn = Recorder()
    data = codecs.BOM_UTF8 + WIRE_STORY.encode("utf-8")

    result = decode_bytes(data, "bom.txt", warn)

    assert result == WIRE_STORY
    assert not result.startswith("\ufeff")
    assert warn.calls == []


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        # The UTF-32 LE mark begins with the UTF-16 LE one: it must not be mistaken for it.
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_text_with_a_utf16_or_utf32_byte_order_mark(bom: bytes, codec: str) -> None:
    text = WIRE_STORY + "Τα μέτρα ανακοινώθηκαν στην Αθήνα. 🇬🇷\n"
    data = bom + text.encode(codec)
    assert b"\x00" in data  # would be refused as binary if the BOM were not honoured first

    assert decode_bytes(data, "wide.txt") == text


def test_utf8_bom_followed_by_nothing_is_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        decode_bytes(codecs.BOM_UTF8 + b"  \r\n", "bom-only.txt")


# --- Legacy 8-bit encodings ---------------------------------------------------------------------

WINDOWS_1252_STORY = (
    "PARIS — The French foreign ministry said on Monday it had summoned the ambassador "
    "after what it called “an unacceptable breach of diplomatic protocol” during the "
    "weekend visit of a parliamentary délégation to the region.\n\n"
    "Ministry spokesman René Duval told reporters that Paris expected “a clear "
    "explanation” within 48 hours. The Czech deputy minister, Tomáš Šebesta, who was "
    "travelling with the group, said the incident had been “exaggerated” by the press "
    "and that relations between the two governments remained good.\n\n"
    "A second round of consultations is planned in Prague next month – the third this "
    "year – to discuss energy co-operation and the stationing of allied troops.\n"
)


def test_windows_1252_article_is_detected_and_warned_about() -> None:
    data = WINDOWS_1252_STORY.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the sample really is not UTF-8
    warn = Recorder()

    result = decode_bytes(data, "paris.txt", warn)

    assert result == WINDOWS_1252_STORY
    for needle in ("“an unacceptable breach", "René Duval", "Tomáš Šebesta", "délégation", " – "):
        assert needle in result
    assert len(warn.calls) == 1
    source, message = warn.calls[0]
    assert source == "paris.txt"
    assert "not UTF-8" in message


FRENCH_1252_STORY = (
    "PARIS — Le ministre des Affaires étrangères a convoqué lundi l’ambassadeur après ce qu’il a "
    "qualifié de « grave manquement au protocole » lors de la visite d’une délégation "
    "parlementaire. Le porte-parole du ministère a déclaré que Paris attendait « une explication "
    "claire » d’ici à quarante-huit heures.\n\n"
    "Selon lui, la réunion à Genève a été très tendue et les deux délégations se sont séparées "
    "sans communiqué commun. Une nouvelle série de consultations est prévue le mois prochain à "
    "Prague, où seront abordées la coopération énergétique et la présence de troupes alliées. "
    "Les députés de l’opposition ont critiqué une réaction « tardive et molle » du gouvernement.\n"
)


def test_windows_1252_french_article_decodes_exactly() -> None:
    warn = Recorder()

    result = decode_bytes(FRENCH_1252_STORY.encode("cp1252"), "paris-fr.txt", warn)

    assert result == FRENCH_1252_STORY
    assert "très tendue" in result and "série" in result and "« grave" in result
    assert any("not UTF-8" in m for m in warn.messages)


# English and Spanish copy naming Spanish and French people, saved by a Windows newsroom system.
SPANISH_NAMES_1252_STORY = (
    "MEXICO CITY — Mexico’s foreign minister, Alicia Bárcena, said on Wednesday that her "
    "government would “not accept” new tariffs, after talks with U.S. officials in Washington "
    "ended without agreement. The ministry’s spokesman, Andrés Muñoz, said a second round was "
    "planned for next week. Former president Enrique Peña Nieto, who negotiated the previous "
    "trade deal, told a radio station that both sides needed “patience and calm”. In Paris, the "
    "French trade minister, Hélène Lefèvre, called for restraint.\n"
)
SPANISH_1252_STORY = (
    "MADRID — El presidente del Gobierno se reunió el martes con el líder de la oposición, "
    "Alberto Núñez Feijóo, para tratar la renovación del Consejo General del Poder Judicial. "
    "Tras la reunión, la portavoz del Ejecutivo dijo a los periodistas que el diálogo había sido "
    "“franco” pero que no se había alcanzado ningún acuerdo. El ministro de Exteriores viajará "
    "mañana a Bruselas para discutir la situación en Oriente Próximo con sus homólogos europeos. "
    "Los sindicatos anunciaron una huelga en el sector ferroviario para el próximo mes si no "
    "mejora la oferta salarial, según fuentes de la compañía.\n"
)


@pytest.mark.parametrize("story", [SPANISH_NAMES_1252_STORY, SPANISH_1252_STORY], ids=["en", "es"])
def test_windows_1252_text_with_n_tilde_and_e_grave_decodes_exactly(story: str) -> None:
    result = decode_bytes(story.encode("cp1252"), "wire-1252.txt")

    assert result == story


# Several paragraphs of Croatian news text, as an old regional site would have saved them in
# ISO-8859-2 (Latin-2). The names carry č, ć, đ (same bytes in ISO-8859-2 and Windows-1250) and
# š, ž (different bytes in the two).
LATIN2_STORY = """ZAGREB - Hrvatski premijer Andrej Plenković sastao se u utorak u Zagrebu sa srpskim \
predsjednikom Aleksandrom Vučićem kako bi razgovarali o nestalim osobama iz rata devedesetih \
i o položaju manjina u objema zemljama.

Nakon sastanka, koji je trajao gotovo tri sata, Plenković je novinarima rekao da su razgovori \
bili otvoreni, ali da o mnogim pitanjima još uvijek nema dogovora. "Očekujemo da Beograd \
konačno otvori arhive i pomogne nam pronaći grobnice", izjavio je.

Vučić je odgovorio da Srbija želi dobre odnose sa susjedima, ali da neće prihvatiti optužbe \
koje smatra neutemeljenima. Ministar vanjskih poslova Gordan Grlić Radman i njegov srpski \
kolega Marko Đurić potpisali su sporazum o suradnji na graničnim prijelazima.

Predstavnici srpske zajednice u Hrvatskoj pozdravili su susret, dok je oporba u Saboru \
kritizirala vladu zbog, kako su rekli, preblagog stava. Zastupnik Željko Šušnjar upozorio \
je da se pitanje ratne odštete ne smije zaboraviti.

Sljedeći sastanak dvojice čelnika očekuje se na jesen u Beogradu, a do tada će radne \
skupine nastaviti razgovore o povratu kulturnih dobara, željezničkom prometu i zaštiti \
okoliša na Dunavu.
"""


def test_latin2_croatian_article_keeps_names_with_c_acute_c_caron_and_d_stroke() -> None:
    data = LATIN2_STORY.encode("iso-8859-2")
    warn = Recorder()

    result = decode_bytes(data, "zagreb.txt", warn)

    for name in ("Andrej Plenković", "Aleksandrom Vučićem", "Gordan Grlić Radman", "Marko Đurić"):
        assert name in result
    assert "Očekujemo" in result and "čelnika" in result
    assert any("not UTF-8" in m for m in warn.messages)


def test_latin2_croatian_article_keeps_names_with_s_and_z_caron() -> None:
    result = decode_bytes(LATIN2_STORY.encode("iso-8859-2"), "zagreb.txt")

    assert "Željko Šušnjar" in result
    assert result == LATIN2_STORY


# --- Refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   ", b"\r\n\t \n", "\u00a0\u2003\n".encode()])
def test_empty_or_blank_input_is_refused_as_empty(data: bytes) -> None:
    with pytest.raises(InputError, match="empty") as info:
        decode_bytes(data, "blank.txt")
    assert info.value.source == "blank.txt"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(40, 90)), "gzip"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml", "ZIP"),
    ],
    ids=["pdf", "png", "gzip", "zip"],
)
def test_known_binary_formats_are_named(data: bytes, named: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "attachment.bin")
    assert named in info.value.reason
    assert "binary" in info.value.reason


def test_nul_bytes_mark_the_input_as_binary() -> None:
    data = WIRE_STORY.encode("utf-8")[:120] + b"\x00\x00\x00\x01" + WIRE_STORY.encode("utf-8")[120:]

    with pytest.raises(InputError, match="binary") as info:
        decode_bytes(data, "dump.dat")
    assert "NUL" in info.value.reason


def test_random_binary_garbage_is_refused_not_crashed_on() -> None:
    garbage = random.Random(1).randbytes(4096)

    with pytest.raises(InputError) as info:
        decode_bytes(garbage, "garbage.bin", Recorder())
    assert info.value.source == "garbage.bin"


def test_text_full_of_control_characters_is_refused() -> None:
    rng = random.Random(7)
    controls = [c for c in range(1, 32) if chr(c) not in "\n\r\t\f"]
    data = bytes(rng.choice(controls) if rng.random() < 0.3 else rng.randrange(97, 123) for _ in range(2000))

    with pytest.raises(InputError, match="control characters"):
        decode_bytes(data, "noise.txt")


# --- Truncated UTF-8 ----------------------------------------------------------------------------

CUT_STORY = (
    "BRUSSELS — EU finance ministers approved a €50 billion facility for Ukraine on "
    "Tuesday, after Hungary’s representative abstained. “This is a signal,” one diplomat said"
)


@pytest.mark.parametrize(
    ("last_char", "keep"),
    [("€", 1), ("€", 2), ("”", 1), ("🇺", 2), ("🇺", 3), ("é", 1)],
)
def test_utf8_cut_inside_the_last_character_drops_it_and_warns(last_char: str, keep: int) -> None:
    encoded_last = last_char.encode("utf-8")
    assert keep < len(encoded_last)
    data = CUT_STORY.encode("utf-8") + encoded_last[:keep]
    warn = Recorder()

    result = decode_bytes(data, "cut.txt", warn)

    assert result == CUT_STORY
    assert len(warn.calls) == 1
    assert warn.calls[0][0] == "cut.txt"
    assert "truncated" in warn.calls[0][1]


def test_a_bad_byte_in_the_middle_is_not_mistaken_for_truncation() -> None:
    # Valid UTF-8 except for one stray Windows-1252 byte (0x92, a right quote) early on: the
    # input goes to encoding detection as a whole, nothing is cut off the end.
    data = CUT_STORY.replace("Hungary’s", "Hungary\x00s").encode("utf-8").replace(b"\x00", b"\x92")
    warn = Recorder()

    result = decode_bytes(data, "mixed.txt", warn)

    assert result.endswith("one diplomat said")
    assert not any("truncated" in m for m in warn.messages)
    assert any("not UTF-8" in m for m in warn.messages)
