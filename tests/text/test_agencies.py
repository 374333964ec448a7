import pytest

from marsad.text.agencies import find_wire_sources


@pytest.mark.parametrize("text, agencies", [
    ("حسبما ذكرت وكالة “أسوشيتد برس” الأمريكية.", ["Associated Press"]),   # the example article
    ("الرياض (واس) - أكد وزير", ["Saudi Press Agency"]),
    ("القاهرة - أ ش أ: قال", ["Middle East News Agency"]),
    ("نقلت وكالة رويترز عن مصادر، وذكرت وكالة الصحافة الفرنسية", ["Reuters", "Agence France-Presse"]),
    ("وقالت لفرانس برس إن", ["Agence France-Presse"]),
    ("بحسب وكالة قنا", ["Qatar News Agency"]),
])
def test_wire_sources_found_by_canonical_english_name(text, agencies):
    assert find_wire_sources(text) == agencies


@pytest.mark.parametrize("text", [
    "افتتح مشروع قنا السويس الجديدة",       # قنا is a city and "canals"
    "بنا الرجال بيوتهم",                     # بنا: "built us"
    "البحرية العمانية تنفذ تمرينا",            # العمانية: the Omani adjective
])
def test_short_agency_names_need_a_credit_context(text):
    assert find_wire_sources(text) == []


@pytest.mark.parametrize("text, agencies", [
    ("باريس (أ.ف.ب) - أعلن", ["Agence France-Presse"]),
    ("موسكو - إيتار-تاس", ["TASS"]),
])
def test_dotted_and_hyphenated_agency_forms(text, agencies):
    assert find_wire_sources(text) == agencies
