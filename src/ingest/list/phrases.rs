//! The phrase rules of prose reading, as data: organizations, the verbs and lists that name
//! models, size phrasings, comparisons and lineage phrases, in English and Chinese (the dates
//! that open a sentence are read by `value::date`). A new phrasing or a new language is a row in
//! one of these tables; `prose` holds the code that applies them.
//!
//! Patterns may use placeholders, expanded once when the table is compiled: `{SIZE}` (one size),
//! `{SIZES}` (a list of sizes), `{NUM}` (a count in digits or Chinese numerals), `{NAME}` (a
//! Latin-script model name, spaces allowed before a capital or digit: "Llama 2", "Qwen1.5") and
//! `{B}` (not inside a Latin word, for a `{NAME}` that opens a pattern).

use crate::ingest::value::size::PATTERN as SIZE;
use crate::model::Relation;
use regex::Regex;
use std::sync::LazyLock;

/// A list of sizes: "7b, 13b, and 65b", "7b and 13b", "1b、7b、40b和180b".
pub(crate) fn size_list() -> String {
    format!(
        r"{SIZE}(?:\s*,\s*(?:and\s+)?{SIZE}|\s*,?\s+and\s+{SIZE}|\s*(?:和|与|以及|及|或)\s*{SIZE})*"
    )
}

const NAME: &str = r"[A-Za-z][A-Za-z0-9_.\-]*(?:\s[A-Z0-9][A-Za-z0-9_.\-]*)*";
const NUM: &str = r"[\d一二两三四五六七八九十]+";

/// Expands the placeholders of a pattern.
fn expand(pattern: &str) -> String {
    pattern
        .replace("{SIZES}", &size_list())
        .replace("{SIZE}", SIZE)
        .replace("{NUM}", NUM)
        .replace("{NAME}", NAME)
        .replace("{B}", r"(?:^|[^A-Za-z0-9_.\-])")
}

/// Compiles a table's patterns, in order.
pub(crate) fn compile<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Vec<Regex> {
    patterns
        .into_iter()
        .map(|p| Regex::new(&expand(p)).unwrap_or_else(|e| panic!("phrase rule {p}: {e}")))
        .collect()
}

/// The subject of the first sentence: the organizations (`org`). Of the rows that match, the
/// one whose subject ends first is taken.
pub(crate) const ORGANIZATIONS: &[&str] = &[
    r"^(?P<org>.+?)\s+(?:propose[sd]?|uses)\b",
    // 斯坦福大学提出..., 微软提出的..., 面壁智能与清华大学...开源了..., OpenAI使用...
    r"^(?P<org>.+?)\s*(?:提出|推出|发布|开源|使用)",
    // Meta AI 在 Llama 2 的基础上提出 ...
    r"^(?P<org>[^,]+?)\s*在\s*[^,]+?\s*的基础上",
    // 百川智能继Baichuan-7B之后, 提出 ...
    r"^(?P<org>[^,]+?)\s*继\s*[^,]+?\s*之后",
    // 华盛顿大学基于冻结的4bit量化模型, ...
    r"^(?P<org>[^,]+?)\s*基于",
];

/// Ends of a sentence's subject that make it a model, not an organization ("阿里通义千问70亿模型开源").
pub(crate) const MODEL_SUBJECT_ENDS: &[&str] = &["模型"];
/// What separates organizations: "A, B and C", "A联合B、C", "A和B", "A与B".
pub(crate) const ORG_SEPARATORS: &str = r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*(?:联合|以及|和|与)\s*";
/// Words that stand for "and others" in a list of organizations.
pub(crate) const ORG_OTHERS: &[&str] = &["others", "other"];
/// A suffix meaning "and others" (上海人工智能实验室和商汤科技等), or one that only says what kind
/// of body it is ("Mistral-AI company", "DeepSeek-AI公司").
pub(crate) const ORG_OTHERS_SUFFIX: &[&str] = &["等", " company", " Company", "公司"];

/// Verbs after which a model is named ("proposes X", "提出了X", "开源X").
pub(crate) const PROPOSE: &[&str] = &[r"(?i)\bpropose[sd]?\s+", r"(?:提出|推出|发布|开源)了?\s*"];

/// Words after a name that make it a series' name, not a model's ("the Qwen family",
/// "Qwen1.5系列").
pub(crate) const SERIES_WORDS: &[&str] = &[" series", " family", "系列", "家族"];

/// Lists of models after a verb (`list`), each item ending with a model's name:
/// "open sourced Qwen-1.8B, Qwen-1.8B-Chat and Qwen-72B", "开源了Qwen-14B和Qwen-14B-Chat".
pub(crate) const MODEL_LISTS: &[&str] = &[
    r"(?i)\bopen[- ]sourced\s+(?P<list>.*)",
    r"(?i)\bspecialized models?\s+for\s+(?P<list>.*)",
    r"开源了(?P<list>.*)",
    r"开源\s*(?P<list>[A-Za-z].*)",
    r"专门用于(?P<list>.*)",
];
/// What separates the items of such a list.
pub(crate) const LIST_SEPARATORS: &str = r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*(?:以及|和|与)\s*";

/// An appositive after a model's name that says what it is (`desc`), and the word in it that
/// makes it a model: "[Phi-2](url), a 2.7 billion-parameter language model",
/// "[Phi-2](url)，一个 2.7b参数的语言模型". A word of Latin script must be a whole word.
pub(crate) const APPOSITIVES: &[(&str, &str)] = &[
    (r"^,\s+an?\s+(?P<desc>[^,]*)", "model"),
    (r"^,\s*一[个种款]\s*(?P<desc>[^,]*)", "模型"),
];

/// Comparisons: what follows one in a sentence is never lineage nor a size of the entry.
pub(crate) const COMPARISONS_EN: &[&str] = &[
    r"outperform\w*",
    r"exceed\w*",
    r"surpass\w*",
    r"compared?\s+(?:with|to)",
    r"comparable",
    r"rival\w*",
    r"than",
    r"against",
    r"leap\s+over",
];
pub(crate) const COMPARISONS_ZH: &[&str] = &[
    "超过", "超越", "优于", "胜过", "媲美", "相比", "相当", "相近", "比肩", "不如", "飞跃", "少于",
    "多于", "小于", "大于", "低于", "高于",
];
/// Comparison words that close a clause opened by one of `COMPARISON_OPENERS`
/// ("与Llama 1相比"): the comparison starts at the opener.
pub(crate) const COMPARISON_CLOSERS: &[&str] = &["相比", "相当", "媲美", "相近", "比肩"];
pub(crate) const COMPARISON_OPENERS: &[char] = &['与', '和', '跟', '同'];

/// The prose says the model was trained from scratch.
pub(crate) const FROM_SCRATCH: &[&str] = &[
    r"(?i)\btrained\s+from\s+scratch\b",
    r"(?:从头|从零)(?:开始)?(?:进行)?(?:预)?训练",
];

/// What a size rule's match gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SizeUse {
    /// Only the entry's own sentences.
    Entry,
    /// The entry's sentences and the appositive after a model named inside it.
    Also,
}

/// Size phrasings: the sizes are in `sizes`; `active` marks them active parameters; `part`
/// is an active part of them ("39B of 141B parameters") and makes `sizes` the total.
pub(crate) const SIZE_RULES: &[(&str, SizeUse)] = &[
    (
        r"(?i)\b(?:specifications?|scales?|versions?|sizes?|formats?)\b(?:\s*(?:of|:|,|for|including|the)\s*){1,3}(?P<sizes>{SIZES})",
        SizeUse::Entry,
    ),
    (
        r"(?i)(?P<sizes>{SIZES})[\s-]*(?P<active>active\s+)?parameters?\b",
        SizeUse::Also,
    ),
    (r"(?i)(?P<sizes>{SIZES})\s+in\s+total\b", SizeUse::Entry),
    (r"(?i)\bout\s+of\s+(?P<sizes>{SIZE})", SizeUse::Entry),
    (
        r"(?i)(?:\b(?:llms?|models?)|模型)\s*\((?P<sizes>{SIZES})\)",
        SizeUse::Entry,
    ),
    // 有7b、13b、33b、65b共4种规模
    (r"(?i)(?P<sizes>{SIZES})\s*共\s*{NUM}\s*种", SizeUse::Entry),
    // 参数规格为6b, 规范为6b, 模型尺寸, 包括0.5B、...
    (
        r"(?i)(?:规格|规范|规模|尺寸|版本|格式)(?:\s*(?:为|是|:|,|包括|有)\s*){1,3}(?P<sizes>{SIZES})",
        SizeUse::Entry,
    ),
    // 具有 1b、7b、40b和180b四个参数规范, 7b和67b两种参数格式
    (
        r"(?i)(?P<sizes>{SIZES})\s*{NUM}\s*[个种]\s*(?:参数)?\s*(?:规格|规范|规模|尺寸|版本|格式)",
        SizeUse::Entry,
    ),
    // 有7B和13B的基础版和聊天版
    (r"(?i)有\s*(?P<sizes>{SIZES})\s*的", SizeUse::Entry),
    // 7b和20b参数模型, 包含70亿个参数, 2.7b参数, 141B 个活动参数中的 39B 个
    (
        r"(?i)(?P<sizes>{SIZES})\s*个?\s*(?P<active>激活|活动|活跃)?\s*的?参数(?:量)?(?:中的\s*(?P<part>{SIZE}))?",
        SizeUse::Also,
    ),
    // 24亿 (2.4B) 的非词嵌入参数量
    (
        r"(?i)(?P<sizes>{SIZE})\s*(?:\([^)]*\))?\s*的[^\s,\d]{1,6}参数",
        SizeUse::Entry,
    ),
    // 8B 和 70B 模型
    (r"(?i)(?P<sizes>{SIZES})\s*模型", SizeUse::Entry),
];

/// How a lineage rule picks its relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Is(Relation),
    /// "based on X": built_on before a framework or architecture word, extends in a method's
    /// entry, derived_from otherwise.
    BasedOn,
    /// "improved version of X": extends in a method's entry, successor_of otherwise.
    Improves,
    /// Only in a method's entry ("combined with LoRA").
    MethodOnly(Relation),
    /// Only in a model's entry ("a LoRA adapter for X").
    ModelOnly(Relation),
    /// A mention of what the entry is built with ("built on vLLM"): `uses`, which stands only
    /// where its object is no model (the vocabulary's software, platform, data set or method).
    Mention,
}

/// How a lineage rule takes its object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Obj {
    /// The name right after the match.
    After,
    /// The name right after the match, only when it looks like a model ("fine-tuned on Llama
    /// 2", not "fine-tuned on the Alpaca dataset").
    AfterModel,
    /// The `obj` capture.
    Named,
    /// The `obj` capture, a list of names ("Bloom, LLama"), each an object.
    List,
    /// `gen` (an ordinal) and `series`: the previous generation of the series, when the
    /// sentence or the next one names it.
    Generation,
    /// `from` and `to`: `to` (the entry or a model named inside it) is the successor of `from`.
    FromTo,
}

/// Which part of a sentence a lineage rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The part before the first comparison.
    BeforeComparison,
    /// The whole sentence ("surpasses its predecessor, X").
    Sentence,
}

/// One lineage phrase.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineageRule {
    pub pattern: &'static str,
    pub rel: Rel,
    pub obj: Obj,
    pub scope: Scope,
}

const fn row(pattern: &'static str, rel: Rel, obj: Obj, scope: Scope) -> LineageRule {
    LineageRule {
        pattern,
        rel,
        obj,
        scope,
    }
}

use Obj::{After, AfterModel, FromTo, Generation, List, Named};
use Relation::{
    AdapterOf, DerivedFrom, Extends, FineTunedFrom, QuantizedFrom, SuccessorOf, VariantOf,
};
use Scope::{BeforeComparison as Gated, Sentence as Whole};

/// The lineage phrases, in the order they are tried (a Chinese object before 微调 never runs
/// across 的: "基于LoRA方法的微调技术" fine-tunes nothing); an object position taken by one rule is
/// not read again by a later one ("fine-tuned based on X" is not also "based on X").
pub(crate) const LINEAGE: &[LineageRule] = &[
    row(
        r"(?i)\bfine-?tuned\s+(?:based\s+on|from)\s+",
        Rel::Is(FineTunedFrom),
        After,
        Gated,
    ),
    row(
        r"(?i)\bfine-?tuned\s+on\s+",
        Rel::Is(FineTunedFrom),
        AfterModel,
        Gated,
    ),
    row(
        r"(?i)\b(?:fine-?tuned|[a-z]+-(?:tuned|trained))\s+(?:versions?|variants?|models?)\s+of\s+",
        Rel::Is(FineTunedFrom),
        After,
        Gated,
    ),
    row(
        r"(?i)\bfine-?tun(?:e|es|ed|ing)\s+(?P<obj>(?-i:[A-Z][A-Za-z0-9_.\-]*(?:\s[A-Z0-9][A-Za-z0-9_.\-]*)*))\s+(?:on|with|using)\s",
        Rel::ModelOnly(FineTunedFrom),
        Named,
        Gated,
    ),
    // "基于Bloom, LLama的监督微调": every base of the list is fine-tuned
    row(
        r"基于\s*(?P<obj>{NAME}(?:\s*(?:,|和|与|及)\s*{NAME})+)\s*的\s*[^,。的]{0,6}?(?:微调|精调)",
        Rel::Is(FineTunedFrom),
        List,
        Gated,
    ),
    row(
        r"基于\s*(?P<obj>[^,。的]+?)\s*(?:模型)?\s*(?:进行)?(?:微调|精调)",
        Rel::Is(FineTunedFrom),
        Named,
        Gated,
    ),
    row(
        r"在\s*(?P<obj>[^,。的]+?)\s*(?:模型)?\s*上\s*(?:进行)?(?:微调|精调)",
        Rel::Is(FineTunedFrom),
        Named,
        Gated,
    ),
    row(
        r"(?:由|从)\s*(?P<obj>[^,。的]+?)\s*(?:模型)?\s*(?:微调|精调)(?:而来|得到)",
        Rel::Is(FineTunedFrom),
        Named,
        Gated,
    ),
    row(
        r"{B}(?P<obj>{NAME})\s*的\s*(?:微调|精调)(?:版本?|模型)",
        Rel::Is(FineTunedFrom),
        Named,
        Gated,
    ),
    row(
        r"(?i)\b(?:LoRA\s+)?adapters?\s+(?:for|of|on)\s+",
        Rel::ModelOnly(AdapterOf),
        After,
        Gated,
    ),
    row(
        r"{B}(?P<obj>{NAME})\s*的\s*(?:LoRA\s*)?适配器",
        Rel::ModelOnly(AdapterOf),
        Named,
        Gated,
    ),
    row(
        r"(?i)\bquantized\s+(?:version|variant|model|edition)\s+of\s+",
        Rel::Is(QuantizedFrom),
        After,
        Gated,
    ),
    row(
        r"(?i)\bquantized\s+from\s+",
        Rel::Is(QuantizedFrom),
        After,
        Gated,
    ),
    row(
        r"{B}(?P<obj>{NAME})\s*的\s*[^,。]{0,8}?量化(?:版本?|模型)",
        Rel::Is(QuantizedFrom),
        Named,
        Gated,
    ),
    row(
        r"(?i)\bdistill(?:ed)?\s+from\s+",
        Rel::Is(DerivedFrom),
        After,
        Gated,
    ),
    row(
        r"(?:从|由)\s*(?P<obj>[^,。]+?)\s*(?:模型)?\s*蒸馏",
        Rel::Is(DerivedFrom),
        Named,
        Gated,
    ),
    row(r"蒸馏自\s*", Rel::Is(DerivedFrom), After, Gated),
    row(
        r"(?i)\bcontinu(?:ed|al|ally|ously)\s+pre-?train(?:ed|ing)?\s+(?:of|from)\s+",
        Rel::Is(DerivedFrom),
        After,
        Gated,
    ),
    row(
        r"(?i)\bcontinu(?:ed|al|ally|ously)\s+pre-?train(?:ed|ing)?\s+on\s+",
        Rel::Is(DerivedFrom),
        AfterModel,
        Gated,
    ),
    row(
        r"对\s*(?P<obj>[^,。]+?)\s*(?:进行)?(?:继续|持续)预训练",
        Rel::Is(DerivedFrom),
        Named,
        Gated,
    ),
    row(r"(?i)\bbased\s+on\s+", Rel::BasedOn, After, Gated),
    row(
        r"(?i)\b(?:built|building|builds)\s+(?:on|upon)\s+(?:top\s+of\s+)?",
        Rel::Mention,
        After,
        Gated,
    ),
    row(
        r"在\s*(?P<obj>[^,。]+?)\s*的基础上",
        Rel::Is(DerivedFrom),
        Named,
        Gated,
    ),
    row(r"基于\s*", Rel::BasedOn, After, Gated),
    // the model's backbone: "模型主干为LlaMA-7b并采用LoRA微调", "its backbone is Llama 2"
    row(
        r"主干(?:模型|网络)?\s*(?:为|是|采用|使用)\s*",
        Rel::Is(DerivedFrom),
        After,
        Gated,
    ),
    row(
        r"(?i)\bbackbone(?:\s+model)?\s+(?:is|was)\s+",
        Rel::Is(DerivedFrom),
        After,
        Gated,
    ),
    row(
        r"(?i)\b(?:second|third|fourth|fifth|next|new)[- ]generation\s+(?:version|model)\s+of\s+",
        Rel::Is(SuccessorOf),
        After,
        Gated,
    ),
    row(
        r"{B}(?P<obj>{NAME})\s*的\s*(?:第[二三四五六]代|新一代|下一代)(?:版本|模型)",
        Rel::Is(SuccessorOf),
        Named,
        Gated,
    ),
    row(
        r"(?i)\b(?P<gen>second|third|fourth|fifth)[- ]generation\s+(?P<series>[A-Z][\w.\-]*(?:\s+[A-Z0-9][\w.\-]*)*)\s+series\b",
        Rel::Is(SuccessorOf),
        Generation,
        Gated,
    ),
    row(
        r"第(?P<gen>[二三四五])代\s*(?P<series>{NAME})\s*系列",
        Rel::Is(SuccessorOf),
        Generation,
        Gated,
    ),
    row(r"(?i)\bfollowing\s+", Rel::Is(SuccessorOf), After, Gated),
    row(
        r"继\s*(?P<obj>[^,。]+?)\s*之后",
        Rel::Is(SuccessorOf),
        Named,
        Gated,
    ),
    row(
        r"(?i)\bevolution\s+from\s+(?P<from>.+?)\s+to\s+(?P<to>.+)",
        Rel::Is(SuccessorOf),
        FromTo,
        Whole,
    ),
    row(
        r"从\s*(?P<from>[^,。]+?)\s*(?:演进|演变|进化|升级|迭代)(?:到|至|为)\s*(?P<to>[^,。]+)",
        Rel::Is(SuccessorOf),
        FromTo,
        Whole,
    ),
    row(
        r"(?i)\b(?:its|their)\s+predecessor,?\s+",
        Rel::Is(SuccessorOf),
        After,
        Whole,
    ),
    row(
        r"(?:上一代|前一代|前代)(?:模型)?的?\s*",
        Rel::Is(SuccessorOf),
        After,
        Whole,
    ),
    row(
        r"\b[Mm]odels?\s+(?:of|in)\s+the\s+(?P<obj>[A-Z][\w.\-]*(?:\s+[A-Z0-9][\w.\-]*)*)\s+(?:series|family)\b",
        Rel::Is(VariantOf),
        Named,
        Gated,
    ),
    row(
        r"{B}(?P<obj>{NAME})\s*系列中?的?\s*(?:首个|第一个|首款|第一款)",
        Rel::Is(VariantOf),
        Named,
        Gated,
    ),
    row(
        r"(?i)\bimproved\s+(?:version|variant)\s+of\s+",
        Rel::Improves,
        After,
        Gated,
    ),
    row(
        r"{B}(?P<obj>{NAME})\s*的\s*改进(?:版本?|变体)",
        Rel::Improves,
        Named,
        Gated,
    ),
    row(
        r"(?i)\bcombined\s+with\s+",
        Rel::MethodOnly(Extends),
        After,
        Gated,
    ),
    row(r"结合了?\s*", Rel::MethodOnly(Extends), After, Gated),
];

/// What joins a name to the "based on" or "built on" object before it ("based on PyTorch and
/// LangChain", "基于PyTorch和LangChain"), after any space: each name after the first is a
/// mention ([`Rel::Mention`]). Longer rows first.
pub(crate) const NAME_JOINERS: &[&str] = &[
    ", and ", ",and ", ", ", ",", "and ", "& ", "以及", "和", "与", "及", "、",
];

/// What chains a base to its own base after a lineage object ("基于Anima33B->Guanaco->LLaMA":
/// Anima33B builds on Guanaco, Guanaco on LLaMA).
pub(crate) const CHAIN_ARROWS: &[&str] = &["->", "→"];
/// A "based on" repeated after an arrow of a chain ("基于Guanaco->基于LLaMA"): no part of the name.
pub(crate) const CHAIN_REPEATS: &[&str] = &["基于", "based on "];

/// What a clause of a sentence follows, besides the sentence's start: a model of the entry's
/// family at its head is its subject ("ChatLaw-13B, 基于...; ChatLaw-33B, 基于...", "包括ChatLaw-13B
/// (基于...), ChatLaw-33B (基于...)").
pub(crate) const CLAUSE_STARTS: &[&str] = &[";", ":", ",", "包括", "including "];
/// Words after a model's name that join it to the next name: it heads no clause of its own
/// ("ChatLaw-13B和ChatLaw-33B均基于...").
pub(crate) const CLAUSE_JOINERS: &[&str] = &["和", "与", "及", "以及", "、", "或"];

/// The ordinals of the generation rules.
pub(crate) const ORDINALS: &[(&str, u32)] = &[
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("二", 2),
    ("三", 3),
    ("四", 4),
    ("五", 5),
];

/// Words after "based on X" that make X a framework or architecture (built_on).
pub(crate) const FRAMEWORK_WORDS: &[&str] = &["framework", "architecture", "框架", "架构"];
/// Words after a name that make it a model's name ("the Llama 7b model").
pub(crate) const MODEL_WORDS: &[&str] = &["model", "models", "模型"];

/// Words that call the name written right before or after them a data set
/// (`基于中医药指令数据集ChatMed_TCM_Dataset`, `基于Alpaca数据集`, `the Alpaca dataset`): a
/// statement whose object one calls so is training data, never lineage.
pub(crate) const DATA_BEFORE_NAME: &str = r"(?i)(?:数据集|\bdata\s*sets?)[\s:：-]*$";
pub(crate) const DATA_AFTER_NAME: &str = r"(?i)^[\s-]*(?:数据集|data\s*sets?\b)";
/// How a data set's own name ends (`ChatMed_Consult_Dataset`, `GuanacoDataset`,
/// `RedPajama-Data`, `Alpaca data`), in any case.
pub(crate) const DATA_NAME_ENDS: &str = r"(?i)(?:dataset|[-_ ]data)$";

/// The lineage table, compiled.
pub(crate) static LINEAGE_RES: LazyLock<Vec<Regex>> =
    LazyLock::new(|| compile(LINEAGE.iter().map(|r| r.pattern)));

/// Phrases after which a record's text names the model it is built from ("fine-tuned from X",
/// "based on X", "built on top of X"): a dependency on a model the text names so is lineage
/// ([`crate::ingest::relate`]). Distillation is not among them: a teacher is used, not derived from.
pub(crate) const BASE_BEFORE_NAME: &[&str] = &[
    r"(?i)\bfine-?tun(?:ed|ing|es?)\s+(?:(?:version|variant|model)\s+of|of|from|on|upon)\s+",
    r"(?i)\b(?:based|built|building|builds)\s+(?:on|upon)\s+(?:top\s+of\s+)?",
    r"(?i)\bon\s+top\s+of\s+",
    r"(?i)\b(?:derived|adapted|initiali[sz]ed|continued)\s+from\s+",
    r"(?i)\binitiali[sz]ed\s+with\s+",
    r"(?i)\bcontinu(?:ed|al|ally|ously)\s+pre-?train(?:ed|ing)?\s+(?:of|from|on)\s+",
    r"(?i)\b(?:version|variant|extension|fine-?tune)\s+of\s+",
    // a merge's every part: "a merge of X and Y", "merging X with Y"
    r"(?i)\bmerg(?:e|es|ed|ing)\s+(?:of\s+)?",
    r"(?i)\bmerg(?:e|es|ed|ing)\s+(?:of\s+)?[^,.;]+?\s+(?:and|with)\s+",
    r"基于\s*",
];

/// Phrases that follow a base model's name ("a Mistral-based model", "a Llama 2 fine-tune"),
/// the name ending where the phrase starts.
pub(crate) const BASE_AFTER_NAME: &[&str] = &[
    r"(?i)-(?:based|derived)\b",
    r"(?i)\s+based\s+(?:models?|LLMs?|chat)\b",
    r"(?i)\s+fine-?tunes?\b",
    r"\s*(?:基础上|微调)",
];

/// Phrases after which a record's text names a model that served it without being its base:
/// a teacher, a judge, a data generator ("distilled from X", "data generated by X").
pub(crate) const TEACHER_BEFORE_NAME: &[&str] = &[
    r"(?i)\bdistill(?:ed|s|ing|ation)?\s+(?:(?:knowledge|outputs?|data)\s+)?(?:from|of)\s+",
    r"(?i)\b(?:generated|produced|synthesi[sz]ed|written|labell?ed|annotated|judged|evaluated|scored|rated|ranked)\s+(?:by|with|using)\s+",
    r"(?i)\bteachers?\s+(?:model\s+)?(?:is\s+|was\s+)?",
    r"蒸馏自\s*",
];

/// Phrases that follow the name of a model that served a record without being its base ("GPT-4
/// as a judge").
pub(crate) const TEACHER_AFTER_NAME: &[&str] = &[
    r"(?i)\s*(?:as|is|was)\s+(?:a|an|the|its|their)\s+(?:teacher|judge|evaluator|annotator|reward\s+model|encoder|data\s+generator)\b",
    r"(?i)[\s-]*(?:generated|produced|synthesi[sz]ed|distilled)\b",
    r"\s*(?:蒸馏|生成)",
];
