"""The quotes stage on real text: direct, indirect and mixed quotes, their cue, speaker (named, unnamed, carried
over) and addressee; what is not a quote; bad input. Excerpts of SaudiNewsNet articles (CC BY-NC-SA, read for
tests only) name their article; the example article is in tests/test_gold_gate.py."""
from __future__ import annotations

import pytest

from marsad import load_pipeline
from marsad.document import Document, Source
from marsad.quotes.stage import QuoteStage


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline()


def analysed(pipeline, text: str) -> Document:
    return pipeline(Document(Source("text"), raw="عنوان الخبر\n\n" + text))


def quotes(pipeline, text: str) -> list[dict]:
    doc = analysed(pipeline, text)
    names = {e.id: e.name for e in doc.entities}
    return [{"kind": q.kind, "text": doc.span_text(q), "cue": doc.span_text(q.cue) if q.cue else None,
             "speaker": names.get(q.speaker), "speaker_text": q.speaker_text, "carried": q.carried,
             "addressee": names.get(q.addressee), "source": q.source} for q in doc.quotes]


def test_a_direct_quote_after_a_cue_a_named_subject_and_a_colon(pipeline):
    # 2015-07-21#351 (Asharq Al-Awsat)
    [q] = quotes(pipeline, "وأبدى وزير الخارجية الفرنسي لوران فابيوس تأييده لهذه الفكرة. وقال فابيوس قبل افتتاح مجلس "
                           "الوزراء: «عملية السلام في الشرق الأوسط متوقفة. الوضع سيئ. على أوروبا مساعدة الجانبين».")
    assert q["kind"] == "direct" and q["cue"] == "قال" and q["speaker_text"] == "فابيوس"
    assert q["speaker"] == "لوران فابيوس" and q["text"].startswith("عملية السلام") and q["text"].endswith("الجانبين")


def test_a_cue_with_no_subject_carries_the_speaker_over(pipeline):
    # 2015-07-22#79: «وأضاف:» names nobody; Juncker said the sentence before
    [first, second] = quotes(pipeline, (
        "وسبق أن أكد جان كلود يونكر رئيس المفوضية الأوروبية، أن دول الاتحاد تصرف كل عام ما يصل إلى أربعمائة مليار "
        "يورو لشراء منتجات الطاقة. وأضاف: «في حال نفذنا مشروع سوق الطاقة الموحد، سنوفر هذا المبلغ لفائدة المستهلكين»."))
    assert first["kind"] == "indirect" and first["speaker"] == "جان كلود يونكر" and not first["carried"]
    assert second["kind"] == "direct" and second["speaker"] == "جان كلود يونكر" and second["carried"]
    assert second["speaker_text"] is None


def test_an_indirect_quote_after_inserted_words_runs_to_the_end_of_its_sentence(pipeline):
    # 2015-07-24#815: «وقال شو للصحافيين بمقر الشركة في بكين بأنه …»
    [q] = quotes(pipeline, "وقال شو للصحافيين بمقر الشركة في بكين بأنه ستكون هناك خطتان لتشجيع السيارات الصديقة للبيئة في "
                           "الصين.")
    assert q["kind"] == "indirect" and q["text"].startswith("ستكون هناك خطتان") and q["text"].endswith("في الصين")


def test_an_indirect_quote_ends_where_its_speaker_goes_on_in_a_clause_of_its_own(pipeline):
    # the example article: «وأعلنت الصين … أنها تمتلك صداقة … مع روسيا، وأدانت الصين العقوبات الغربية»
    [q] = quotes(pipeline, "وأعلنت الصين العام الماضي أنها تمتلك صداقة بلا حدود مع روسيا، وأدانت الصين العقوبات الغربية "
                           "ضد موسكو.")
    assert q["text"] == "تمتلك صداقة بلا حدود مع روسيا"


def test_an_unnamed_source_is_the_speaker_text_with_no_entity(pipeline):
    # 2015-07-21#1431: «فيما قالت مصادر إنه …»
    [q] = quotes(pipeline, "فيما قالت مصادر إنه سيتم تشغيل مطار عدن خلال الـ\"24\" ساعة القادمة.")
    assert (q["speaker"], q["speaker_text"], q["carried"]) == (None, "مصادر", False)
    assert q["text"].startswith("سيتم تشغيل مطار عدن")


def test_a_clause_with_a_quoted_part_is_mixed(pipeline):
    # 2015-07-23#162 (AFP, Ferguson)
    [q] = quotes(pipeline, "وقال القومندان اندرسن انه سيعمل في البداية على \"بناء الثقة وتطوير عمل الشرطة في "
                           "المجتمع\" ووعد باستقطاب اشخاص جدد.")
    assert q["kind"] == "mixed" and q["speaker_text"] == "القومندان اندرسن"
    assert "\"بناء الثقة" in q["text"]


def test_a_statement_goes_on_after_a_comma_with_a_new_cue_and_the_same_speaker(pipeline):
    # 2015-07-23#1215: «أوضح الخبير المصرفي فهد مزاحم أن … مبينا أن … مشيرا إلى أن …»
    found = quotes(pipeline, (
        "من جهته، أوضح الخبير المصرفي فهد مزاحم أن هذا الصندوق هدفه الرئيسي حماية وتعزيز الاستقرار المالي والثقة.\n\n"
        "مبينا أن البنوك هي من ستمول هذا المشروع وليس الأفراد، مشيرا إلى أن التفاصيل بشأن الصندوق لم تتضح حتى الآن."))
    assert [q["cue"] for q in found] == ["أوضح", "مبينا", "مشيرا"]
    assert found[0]["speaker_text"] == "الخبير المصرفي فهد مزاحم"  # a name the entity layer does not know: no entity
    assert found[1]["text"] == "البنوك هي من ستمول هذا المشروع وليس الأفراد"
    assert found[2]["text"].startswith("التفاصيل بشأن الصندوق")


def test_a_feminine_cue_carries_a_speaker_of_its_own_gender(pipeline):
    found = quotes(pipeline, "وقال الوزير خالد الفالح إن الإنتاج مستقر. وقالت الدكتورة مريم الهواوي إن المشروع "
                             "ناجح. وأضاف أن الأسعار ستبقى كما هي، وأضافت أن التطوع ليس مقتصرا على الصغار.")
    assert [(q["cue"], q["speaker"]) for q in found] == [
        ("قال", "خالد الفالح"), ("قالت", "مريم الهواوي"), ("أضاف", "خالد الفالح"), ("أضافت", "مريم الهواوي")]


def test_a_name_in_quote_marks_before_the_clause_is_no_quote(pipeline):
    # 2015-07-22#1321: «وقالت شبكة “بي بي سي” البريطانية أن النسخة …»
    [q] = quotes(pipeline, "وقالت شبكة “بي بي سي” البريطانية أن النسخة كتبت على قطع من جلد الغنم أو الماعز.")
    assert q["kind"] == "indirect" and q["text"].startswith("النسخة كتبت")


@pytest.mark.parametrize("text", [
    "وأعلنت الصين أنها تمتلك صداقة مع روسيا. وطورت العلاقات لتعزيز \"الشراكة الاستراتيجية\" بين البلدين.",
    "وقال الوزير بعد أن التقى نظيره في الرياض إن المحادثات مثمرة.",
    # 2015-08-06#2109 (Al Watan): «مؤكدا استعداد موسكو للحفاظ على …» is no «أكد على» clause
    "والتوجه للانفتاح على إيران والحوثيين في اليمن، مؤكدا استعداد موسكو للحفاظ على ماء وجه السعودية مع حلفائها.",
])
def test_scare_quotes_and_clauses_of_no_speech_are_not_quotes(pipeline, text):
    found = quotes(pipeline, text)
    assert all("الشراكة الاستراتيجية" not in q["text"] for q in found)
    assert all(not q["text"].startswith(("التقى", "ماء وجه")) for q in found)


def test_a_relative_pronoun_an_addressee_and_a_role_that_names_the_speaker_again(pipeline):
    # 2015-07-21#135 (Asharq Al-Awsat, Nigeria): «بحسب النائب محمد ساندو، الذي قال لوكالة الصحافة الفرنسية: «…»
    # … وأضاف النائب: «…»»
    first, second = quotes(pipeline, (
        "وكان أكثرها دموية في قرية نغامدو، بحسب النائب محمد ساندو، الذي قال لوكالة الصحافة الفرنسية: «لقد أقام "
        "مسلحو بوكو حرام حاجزًا، أمس، على الطريق السريع بين داماتورو وميديغوري».\n\nوأضاف النائب: «بعد ذلك هاجموا "
        "السائقين وقتلوا أكثر من 20 شخصا»."))
    assert (first["speaker"], first["addressee"]) == ("محمد ساندو", "وكالة الصحافة الفرنسية")
    assert (second["speaker"], second["speaker_text"], second["carried"]) == ("محمد ساندو", "النائب", False)


def test_a_credit_after_the_clause_is_its_source_and_a_wire_source(pipeline):
    # 2015-07-31#1594 (Al-Weeam): «…، حسبما ذكرت وكالة أنباء الأناضول التركية»; the clause stops before it
    text = ("ووفقا لبيان صادر عن وزارة الطاقة التركية، قال يلدز إن الهجوم الذي يشتبه في أنه تخريبي وقع على بعد 15 "
            "كيلومترا داخل الحدود الشرقية للبلاد مع إيران، حسبما ذكرت وكالة أنباء الأناضول التركية.")
    [q] = quotes(pipeline, text)
    assert (q["speaker_text"], q["source"]) == ("يلدز", "Anadolu Agency")
    assert q["text"].endswith("مع إيران")
    assert analysed(pipeline, text).wire_sources == ["Anadolu Agency"]


def test_a_short_agency_name_in_a_credit_counts_as_a_wire_source(pipeline):
    # 2015-08-02#1288 (Sabq): «حسبما ذكرت وكالة الأنباء الإماراتية الرسمية "وام"»
    doc = analysed(pipeline, "وقال مصدر قضائي إن النيابة العامة أحالت 41 شخصاً للمحاكمة، حسبما ذكرت وام.")
    assert [q.source for q in doc.quotes] == ["Emirates News Agency"] and "Emirates News Agency" in doc.wire_sources


def test_a_relay_names_its_speaker_after_an_and_its_subject_is_the_source(pipeline):
    # 2015-07-21#113 (Asharq Al-Awsat): «ونقلت وكالة الصحافة الفرنسية عن غابريال قوله إن «…»»
    [q] = quotes(pipeline, "ونقلت وكالة الصحافة الفرنسية عن غابريال قوله إن «علاقات جيدة مع ألمانيا تعني أنه يجب عدم "
                           "تهديد أمن إسرائيل».")
    assert (q["kind"], q["speaker_text"], q["source"]) == ("mixed", "غابريال", "Agence France-Presse")


def test_a_relay_with_a_pronoun_names_the_person_before_and_the_next_quote_goes_on_relayed(pipeline):
    # 2015-07-26#184 (Al-Yaum, AS Roma in Jakarta): «… ونقل موقع النادي عنه قوله للصحافيين …: «…»» then «وأضاف:»
    first, second = quotes(pipeline, (
        "وشعر ايتالو زانزي المدير التنفيذي لروما بإحباط بسبب عدم السماح للاعبيه بدخول إندونيسيا ونقل موقع النادي عنه "
        "قوله للصحافيين بمقر فندق الفريق في جاكرتا: «الاستقبال الذي حظينا به في المطار والشوارع والفندق هو بكل "
        "تأكيد أفضل استقبال أشاهده في أي مكان».\n\nوأضاف: «عانينا من موقف مؤسف في المطار وكان محبطا جدا»."))
    assert first["speaker"] == second["speaker"] == "ايتالو زانزي"
    assert first["carried"] and first["source"] and first["source"] == second["source"]


@pytest.mark.parametrize("text, speaker_text", [
    # 2015-07-21#1844 (Al-Weeam): the mother speaks, not a child
    ("وقالت والدة الطفلين لـ”جيو” إن زوجها أقدم على فعلته لان الطفلين طلبا منه ملابس جديدة بمناسبة العيد.",
     "والدة الطفلين"),
    # 2015-07-21#1188 (Al-Madina): Fanning's mother, not Mick Fanning
    ("وأكد ميك فانينج أنه بخير. وأشارت والدة فانينج إلى أنها لم تصدق ما كانت تراه بعينيها عندما ظهرت زعنفة سمكة "
     "القرش.", "والدة فانينج"),
])
def test_a_kinship_word_before_a_name_makes_someone_else_the_speaker(pipeline, text, speaker_text):
    q = quotes(pipeline, text)[-1]
    assert (q["speaker"], q["speaker_text"]) == (None, speaker_text)


def test_a_statement_speaks_for_the_body_that_issued_it(pipeline):
    # 2015-07-21#981 (Al-Jazirah): «قالت وزارة الداخلية التركية في بيان … وأضاف البيان أن …»
    first, second = quotes(pipeline, (
        "قالت وزارة الداخلية التركية في بيان أمس الاثنين إن انفجاراً في بلدة سروج بجنوب شرق تركيا أسفر عن مقتل 30 "
        "شخصاً. وأضاف البيان أن هناك مخاوف من أن يرتفع عدد القتلى."))
    assert first["speaker"] == second["speaker"] == "وزارة الداخلية التركية" and second["speaker_text"] == "البيان"


def test_an_unnamed_speaker_carries_over_with_its_words(pipeline):
    # 2015-07-31#578 (Al-Madina): «أوضحت دراسة طبية حديثة، أجريت في المملكة المتحدة، أن … فيما أشارت إلى أن …»
    first, second = quotes(pipeline, (
        "أوضحت دراسة طبية حديثة، أجريت في المملكة المتحدة، أن الرجال أصحاب البشرة السوداء في بريطانيا معرضون للإصابة "
        "بسرطان البروستاتا، فيما أشارت إلى أن فرصة الإصابة والوفاة تعد أقل لدى ذوي الأصول الآسيوية."))
    assert (first["speaker_text"], first["carried"]) == ("دراسة طبية حديثة", False)
    assert (second["speaker"], second["speaker_text"], second["carried"]) == (None, "دراسة طبية حديثة", True)


def test_words_after_a_cue_and_a_colon_are_direct_to_the_next_cue(pipeline):
    # 2015-08-08#1280 (Okaz): no quote marks; «مؤكدا» opens the next quote
    found = quotes(pipeline, (
        "وقال العرادة في تصريحات لـ«عكاظ»: لدينا جبهات عدة في صرواح والنجفة والمخدرة، كما أن الاستعدادات جارية "
        "لمرحلة الحسم النهائية، مؤكدا أن تصدي مأرب للحوثي يشكل نجاحا كبيرا."))
    assert [(q["kind"], q["cue"]) for q in found] == [("direct", "قال"), ("indirect", "مؤكدا")]
    assert found[0]["text"] == "لدينا جبهات عدة في صرواح والنجفة والمخدرة، كما أن الاستعدادات جارية لمرحلة الحسم النهائية"


def test_a_participle_has_no_subject_and_an_indefinite_plural_ends_its_own(pipeline):
    # 2015-08-01#780 (Al-Riyadh): «واعدا جماهير نجران بأن …» is the club president's promise to the fans
    first, second = quotes(pipeline, (
        "وأكد رئيس النادي هذيل آل شرمه أن ناديه سيقوم بتسجيل لاعبين جدد، واعدا جماهير نجران بأن الفريق سيقدم موسما "
        "مختلفا."))
    assert second["carried"] and second["speaker"] == first["speaker"]
    # 2015-07-26#184 (Al-Yaum): «وأبلغ مسؤولون النادي الإيطالي أنه …»: officials told the club
    [q] = quotes(pipeline, "وأبلغ مسؤولون النادي الإيطالي أنه لن يتم السماح بدخول خمسة من لاعبيه إلى إندونيسيا.")
    assert (q["speaker"], q["speaker_text"]) == (None, "مسؤولون")


def test_a_quoted_outlet_between_the_cue_and_the_speaker_is_the_addressee_side(pipeline):
    # 2015-07-21#734 (Al-Eqtisadiah): «وقال لـ "الاقتصادية" مازنونيتش "…"»
    found = quotes(pipeline, (
        "أكد نيكولا مازنونيتش مسؤول العلاقات العامة في نادي دينامو زغرب الكرواتي بأن مسيري النادي رفضوا عرضا من "
        "نادي الأهلي السعودي. وقال لـ \"الاقتصادية\" مازنونيتش \"وصلنا أخيرا عرض من الأهلي يطلب فيه خدمات سوداني\"."))
    assert [(q["kind"], q["speaker_text"]) for q in found][-1] == ("direct", "مازنونيتش")


@pytest.mark.parametrize("text, speaker", [
    # 2015-07-26#1078 (Al-Madina): the name comes seven words after the cue
    ("وأكد معالي أمين العاصمة المقدسة الدكتور أسامه بن فضل البار، أن الأمانة وضعت جدولاً زمنياً لأولويات العمل.",
     "أسامه بن فضل البار"),
    # 2015-07-24#1919 (Al-Madina): «رئيس القسم … الأستاذ إبراهيم رديني», not the department
    ("وأوضح رئيس قسم الكيمياء والمشرف على البعثة التدريبية الأستاذ إبراهيم رديني أن البعثة جاءت ضمن خطط الكلية "
     "للتدريب الصيفي.", "إبراهيم رديني"),
    # 2015-08-01#959 (Al-Madina): a description, the name last, right before the clause
    ("ويقول مشغل جهاز التحكم في الروبوت والمسؤول على برمجته توماس كراميرس، إنه بإمكانه أن يجيب عن أسئلة العملاء.",
     "توماس كراميرس"),
])
def test_the_person_a_long_title_or_description_leads_to_is_the_speaker(pipeline, text, speaker):
    [q] = quotes(pipeline, text)
    assert q["speaker"] == speaker


@pytest.mark.parametrize("text, addressee", [
    # 2015-08-06#388 (Asharq Al-Awsat): a cable to a role and a name
    ("وقال الملك سلمان في برقية للرئيس المصري عبد الفتاح السيسي: «إننا إذ نستنكر هذه الأعمال الإجرامية النكراء نؤكد "
     "وقوف المملكة إلى جانب مصر».", "عبد الفتاح السيسي"),
    # 2015-07-21#125 (Asharq Al-Awsat): told an agency
    ("وأكد محامي حبري إبراهيم ديوارا لوكالة الصحافة الفرنسية أن موكله لن يحضر الجلسة.", "وكالة الصحافة الفرنسية"),
    # 2015-07-21#121 (Asharq Al-Awsat): after a call is not in it
    ("وقال روحاني بعد اتصال هاتفي مع أمير دولة قطر الشيخ تميم بن حمد آل ثاني، أمس، إن الاتفاق النووي سيحسن علاقات "
     "إيران مع جيرانها.", None),
])
def test_the_addressee_after_a_noun_of_address(pipeline, text, addressee):
    [q] = quotes(pipeline, text)
    assert q["addressee"] == addressee


def test_a_cue_form_after_adam_is_a_noun(pipeline):
    # 2015-07-27#516 (Al-Madina): «المصدر الذي فضّل عدم ذكر اسمه … : إن …»
    [q] = quotes(pipeline, "وقال المصدر الذي فضّل عدم ذكر اسمه في اتصال هاتفي مع «المدينة» : إن مليشيا الحوثي "
                           "تتراجع عن الحدود.")
    assert (q["cue"], q["speaker_text"]) == ("قال", "المصدر") and q["text"].startswith("مليشيا الحوثي")


def test_names_and_titles_do_not_count_in_the_reach_of_a_cue(pipeline):
    # 2015-07-31#1828 (Al-Yaum): nine words from «قال» to the quote mark, seven of them a title and a name
    [q] = quotes(pipeline, "وقال الناطق الإعلامي لشرطة المنطقة الشرقية العقيد زياد الرقيطي «أصيب رجل الأمن سامي معوض "
                           "الحربي بطلقات نارية عند الساعة الحادية عشرة والنصف من مساء أمس الأول».")
    assert q["kind"] == "direct" and q["cue"] == "قال" and q["text"].startswith("أصيب رجل الأمن")
    # 2015-08-04#515 (Al-Madina): «وبيَّن» with a long title before its clause
    [q, _] = quotes(pipeline, "وبيَّن الوكيل المساعد لشؤون البيئة الدكتور حاتم المطيري، أن الغرامة ما بين مخالفة مالية "
                              "وأمر إغلاق، مشيراً إلى أن هذه العقوبات تأتي ضمن جهود الرئاسة.")
    assert q["kind"] == "indirect" and q["text"].startswith("الغرامة ما بين")


def test_a_cue_inside_the_words_said_opens_no_quote_of_its_own(pipeline):
    # 2015-07-24#1698 (Okaz): «مضيفا أن» inside the marks belongs to the direct quote
    found = quotes(pipeline, "وقال الدكتور عبدالله دحلان: «إن تأسيس الجامعة كشركة تجارية لم يكن الهدف منه التجارة، مضيفا "
                             "أن الشركة المالكة تعتمد تمويلا ذاتيا من الشركاء».")
    assert [q["kind"] for q in found] == ["direct"]


def test_a_name_in_a_topic_before_the_cue_and_an_honorific_pronoun(pipeline):
    # 2015-07-24#1994 (Al-Riyadh): «وعن معسكر الفريق … في النمسا قال:» is Yasser Al-Qahtani, not Austria
    found = quotes(pipeline, (
        "حيث قال ياسر القحطاني: «الحمد لله الإصابة في مراحلها الأخيرة».\n\nوعن معسكر الفريق الخارجي والمقام حاليا في "
        "النمسا قال: «المعسكر يسير بالشكل المطلوب وجميع اللاعبين يؤدون التدريبات بكل جد واجتهاد»."))
    assert [q["speaker"] for q in found] == ["ياسر القحطاني", "ياسر القحطاني"]
    # 2015-08-02#879 (Al-Riyadh): «قال سموه : إن …» is the prince named before
    found = quotes(pipeline, "وأشاد الأمير عبدالله بن مساعد بالاجتماع. وحول إقامة كاس السوبر في لندن قال سموه : إن القرار "
                             "له ايجابيات عديدة.")
    assert (found[-1]["speaker_text"], found[-1]["carried"]) == ("سموه", True) and "مساعد" in found[-1]["speaker"]


def test_a_role_noun_names_the_person_who_holds_the_role(pipeline):
    # 2015-08-01#537 (Al-Yaum): «واضاف المتحدث» is the spokesman named in the sentence before
    first, second = quotes(pipeline, (
        "وقال المتحدث الرسمي باسم الاجهزة الامنية الفلسطينية اللواء عدنان الضميري ان المستوطنين الذين «ارتكبوا جرائم "
        "ارهابية بحق ابناء شعبنا» اصبحوا من الان مطلوبين وملاحقين للامن الفلسطيني. واضاف المتحدث «ستتم ملاحقتهم ضمن "
        "الاجراءات القانونية للدفاع عن حياة ابناء شعبنا وممتلكاته»."))
    assert first["speaker"] == second["speaker"] == "عدنان الضميري"
    assert (second["speaker_text"], second["carried"]) == ("المتحدث", False)


def test_an_inserted_relative_clause_between_the_cue_and_its_clause(pipeline):
    # 2015-07-27#187 (Al-Riyadh): «وقالت جانين اتينو ، التي انجبت طفلة … ، أنها …»
    [q] = quotes(pipeline, "وقالت جانين اتينو ، التي انجبت طفلة في مستشفى في بلدة كيسومو بغرب كينيا ، القرب من قرية "
                           "كوجيلو ، مسقط رأس أوباما ، أنها اطلقت على ابنتها اسم ميشيل أوباما أملا في أن تنجح في حياتها .")
    assert q["kind"] == "indirect" and q["text"].startswith("اطلقت على ابنتها")


@pytest.mark.parametrize("text, found", [
    # 2015-08-06#2043 (Al-Madina, a joint statement): a one-word subject before «على»
    ("وأكد البلدان على أهمية العمل المشترك في مكافحة الإرهاب والتنظيمات الإرهابية.", True),
    # the object of the cue before «على» is no subject
    ("وأكدت المملكة حرصها على تعزيز العلاقات بين البلدين.", False),
])
def test_ala_opens_a_clause_after_the_subject_only(pipeline, text, found):
    assert bool(quotes(pipeline, text)) is found


def test_a_clause_of_time_before_the_quote_mark_keeps_its_cue(pipeline):
    # 2015-08-02#903 (Al-Riyadh): «وقالت … بعد أن علمت بوفاة أندرسون “…”»
    [q] = quotes(pipeline, "وقالت نجمة الكانتري دولي بارتون بعد أن علمت بوفاة أندرسون “لين تفتحت في حديقة زهور الرب الآن.. "
                           "سنفتقدها وسنتذكرها بكل الحب.”")
    assert q["kind"] == "direct" and q["cue"] == "قالت"


def test_a_report_speaks_for_the_body_named_after_it(pipeline):
    # 2015-07-24#94 (Al-Riyadh): «وأشار التقرير … لمؤسسة النقد العربي السعودي إلى أن …»
    [q] = quotes(pipeline, "وأشار التقرير السنوي لمؤسسة النقد العربي السعودي إلى أن عدد العمليات المجمعة قد ارتفع بنسبة 11%.")
    assert q["speaker"] == "البنك المركزي السعودي" and q["speaker_text"].startswith("التقرير")  # the KB's name for SAMA


def test_a_name_before_its_role_in_an_organisation_is_no_organisation(pipeline):
    # 2015-08-04#32 (Ain Alyoum): a name the entities miss, then its role in a committee: not the committee
    [q] = quotes(pipeline, "كشف عمر المهنا رئيس لجنة الحكام التابعة للاتحاد السعودي لكرة القدم أنه ليس لديه خلفية عن "
                           "الموضوع.")
    assert q["speaker"] in (None, "عمر المهنا") and q["speaker_text"].startswith("عمر المهنا")


def test_a_name_in_a_dateline_is_no_subject_and_a_cue_with_nobody_before_takes_the_last_person(pipeline):
    # 2015-07-21#2384 (Al-Riyadi): «الرياضي ـ جدة\n\nأكد القائمون …»
    [q] = quotes(pipeline, "الرياضي ـ جدة\n\nأكد القائمون على شركة الصدف بأنهم سخروا كل الإمكانات لتصوير المسلسل.")
    assert q["speaker"] is None
    # 2015-07-21#890 (Al-Hayat): «ومثل ويب … حيث أكد أنه غير مذنب»
    [q] = quotes(pipeline, "ومثل جيفري ويب أمام المحكمة في نيويورك حيث أكد أنه غير مذنب، وقد تم الإفراج عنه بكفالة.")
    assert (q["speaker"], q["carried"]) == ("جيفري ويب", True)


def test_a_plural_cue_opens_the_next_quote_and_carries_its_plural_speaker(pipeline):
    # 2015-07-22#1019 (Al-Riyadh): «ويرى المختصون أن …، وقالوا إن …»
    first, second = quotes(pipeline, (
        "ويرى المختصون أن خطوة مشاركة القطاع الخاص في مشروعات السكن الحكومي، تأخرت كثيراً عن موعدها، وقالوا إن هذه "
        "المشاركة لو تحققت في وقت مبكر من تأسيس وزارة الإسكان، لكان جزء كبير من حل أزمة السكن قد تحقق."))
    assert first["text"].endswith("تأخرت كثيراً عن موعدها") and second["cue"] == "قالوا"
    assert (second["speaker_text"], second["carried"]) == ("المختصون", True)


def test_the_writers_own_words_and_a_pronoun_after_the_cue_name_no_speaker(pipeline):
    # 2015-07-22#1630 (Al-Yaum, a column): «قال لي: …» is the worker speaking to the writer, «قلت: …» the writer
    found = quotes(pipeline, "لفت نظري أحد العمال يلبس ثوبا نظيفا، وحين أثنيت على أناقة منظره قال لي: لقد أعطاني الشيخ "
                             "حمد الزامل مبلغا وطلب مني شراء ثوب جديد. قلت: والله ليرفعنك الله بتواضعك هذا كثيرا.")
    assert [q["speaker_text"] for q in found] == [None, None]


def test_a_pronoun_on_the_complementizer_refers_back_and_a_cue_of_no_statement_ends_no_clause(pipeline):
    # 2015-07-21#153 (Asharq Al-Awsat): «وقالت إنها …» is Danielle Morrill; «، كتب الكثير منهم …» is no new statement
    [q] = quotes(pipeline, "واكتشفت دانييل موريل، الرئيسة التنفيذية لـ«ماتر مارك»، هذا الأمر من خلال التجربة المباشرة، "
                           "حيث أسست شركة ناشئة، وقالت إنها خلصت إلى أنه في الوقت الذي وصل فيه عدد المستثمرين الأفراد "
                           "إلى 160، كتب الكثير منهم نحو 50 ألف شيك.")
    assert (q["speaker"], q["carried"]) == ("دانييل موريل", True) and q["text"].endswith("50 ألف شيك")


@pytest.mark.parametrize("text", [
    "وقال الوزير: «هذا الكلام لم يكتمل",  # opened and never closed
    "«»«»“”\"\"«»",  # nothing but quote marks
    "وقال",  # a cue with no words after it
    "وأضاف أن",
    "وقال «الوزير «إن» الاجتماع» انتهى \"بعد\" ساعة.",  # nested marks
    "وقال الوزير: «" + "كلمة " * 2500 + "»",  # a 12,500-character quote
])
def test_bad_input_gives_no_crash_and_no_quote_past_its_paragraph(pipeline, text):
    doc = pipeline(Document(Source("text"), raw="عنوان\n\n" + text + "\n\nفقرة أخرى لا قول فيها."))
    assert not doc.failed
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(doc.text) and "فقرة أخرى" not in doc.span_text(q)


def test_two_thousand_quotes_in_one_article(pipeline):
    doc = pipeline(Document(Source("text"), raw="عنوان\n\n" + " ".join(
        f"وقال الوزير إن الاجتماع رقم {i} انتهى." for i in range(2000))))
    assert len(doc.quotes) == 2000 and not doc.failed


def test_the_stage_declares_what_it_needs():
    assert QuoteStage.requires == ("tokens", "sentences", "paragraphs", "role_phrases", "entities")
    assert QuoteStage.provides == ("quotes",)
