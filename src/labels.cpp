// The translation table: every word a report, notice or history line shows, in English and Simplified
// Chinese. The Chinese follows DOMAIN.md section 1. Enum rows keep the stable name as their English text,
// so English output is what it was before there was a table; phrase rows hold fmt placeholders, numbered
// so that each language orders them its own way (an argument a language does not need is left out).
#include <caseflow/language.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace caseflow {

namespace {

// clang-format off
constexpr label_row rows[] = {
    // ---- Enums: "<group>.<stable name>"
    {"kind.deputy_suggestion",           "deputy_suggestion",           "人大代表建议"},
    {"kind.cppcc_proposal",              "cppcc_proposal",              "政协提案"},
    {"role.lead",                        "lead",                        "主办"},
    {"role.co_handler",                  "co_handler",                  "会办"},
    {"role.separate",                    "separate",                    "分别办理"},
    {"class.A",                          "A",                           "A类"},
    {"class.B",                          "B",                           "B类"},
    {"class.C",                          "C",                           "C类"},
    {"class.D",                          "D",                           "D类"},
    {"satisfaction.satisfied",           "satisfied",                   "满意"},
    {"satisfaction.basically_satisfied", "basically_satisfied",         "基本满意"},
    {"satisfaction.dissatisfied",        "dissatisfied",                "不满意"},
    {"satisfaction.no_feedback",         "no_feedback",                 "未反馈"},
    {"disclosure.public_full_text",      "public_full_text",            "全文公开"},
    {"disclosure.public_summary",        "public_summary",              "摘要公开"},
    {"disclosure.on_request",            "on_request",                  "依申请公开"},
    {"disclosure.not_public",            "not_public",                  "不予公开"},
    {"actor.assigning_office",           "assigning_office",            "交办机关"},
    {"actor.unit",                       "unit",                        "承办单位"},
    {"actor.supervising_leader",         "supervising_leader",          "分管领导"},
    {"actor.principal_leader",           "principal_leader",            "主要领导"},
    {"actor.proposer_side",              "proposer_side",               "提出人方"},
    {"state.received",                   "received",                    "已收到"},
    {"state.registered",                 "registered",                  "已立案"},
    {"state.handling",                   "handling",                    "办理中"},
    {"state.replied",                    "replied",                     "已答复"},
    {"state.rehandling",                 "rehandling",                  "再次办理"},
    {"state.feedback_received",          "feedback_received",           "已征询意见"},
    {"state.following_up",               "following_up",                "跟踪落实"},
    {"state.closed",                     "closed",                      "已办结"},
    {"unit_state.pending",               "pending",                     "待签收"},
    {"unit_state.acknowledged",          "acknowledged",                "已签收"},
    {"unit_state.return_requested",      "return_requested",            "申请退回"},
    {"unit_state.returned",              "returned",                    "已退回"},
    {"unit_state.opinion_submitted",     "opinion_submitted",           "已送会办意见"},
    {"unit_state.opinion_waived",        "opinion_waived",              "免送会办意见"},
    {"unit_state.replied",               "replied",                     "已答复"},
    {"unit_state.rehandling",            "rehandling",                  "再次办理"},
    {"unit_state.follow_up_replied",     "follow_up_replied",           "落实后再答复"},
    {"event.register_case",              "register_case",               "立案"},
    {"event.assign",                     "assign",                      "交办"},
    {"event.acknowledge",                "acknowledge",                 "签收"},
    {"event.request_return",             "request_return",              "申请退回"},
    {"event.approve_return",             "approve_return",              "同意退回"},
    {"event.refuse_return",              "refuse_return",               "不同意退回"},
    {"event.submit_opinion",             "submit_opinion",              "送会办意见"},
    {"event.waive_opinion",              "waive_opinion",               "免送会办意见"},
    {"event.record_dispute",             "record_dispute",              "记录分歧"},
    {"event.record_consultation",        "record_consultation",         "面商"},
    {"event.reply",                      "reply",                       "答复"},
    {"event.request_extension",          "request_extension",           "申请延期"},
    {"event.approve_extension",          "approve_extension",           "同意延期"},
    {"event.record_feedback",            "record_feedback",             "征询意见"},
    {"event.follow_up_reply",            "follow_up_reply",             "落实后再答复"},
    {"event.decide_publication",         "decide_publication",          "公开决定"},
    {"event.merge",                      "merge",                       "并案办理"},
    {"event.close",                      "close",                       "办结"},
    {"event.report_progress",            "report_progress",             "报送进展"},
    {"clock.return_request",             "return_request",              "退回申请"},
    {"clock.co_handler_opinion",         "co_handler_opinion",          "会办意见"},
    {"clock.reply",                      "reply",                       "答复"},
    {"clock.feedback",                   "feedback",                    "征询意见"},
    {"clock.rehandling_reply",           "rehandling_reply",            "再次办理答复"},
    {"clock.publication_decision",       "publication_decision",        "公开决定"},
    {"clock.escalation_office",          "escalation_office",           "办公室协调"},
    {"clock.escalation_supervising_leader", "escalation_supervising_leader", "分管领导协调"},
    {"clock.escalation_principal_leader", "escalation_principal_leader", "主要领导协调"},
    {"clock.progress_report",            "progress_report",             "进展报告"},
    {"trigger.marked_difficult",         "marked_difficult",            "列为疑难件"},
    {"trigger.dispute",                  "dispute",                     "主办会办意见分歧"},
    {"trigger.opinion_overdue",          "opinion_overdue",             "会办意见逾期"},
    {"trigger.reply_last_warning",       "reply_last_warning",          "答复已到最后一次催办"},
    {"trigger.reply_overdue",            "reply_overdue",               "答复逾期"},
    {"trigger.dissatisfied_after_rehandling", "dissatisfied_after_rehandling", "再次办理后仍不满意"},
    {"level.none",                       "none",                        "未协调"},
    {"level.office",                     "office",                      "办公室"},
    {"level.supervising_leader",         "supervising_leader",          "分管领导"},
    {"level.principal_leader",           "principal_leader",            "主要领导"},
    {"level.resolved",                   "resolved",                    "已协调解决"},
    {"notice_kind.reminder",             "reminder",                    "催办"},
    {"notice_kind.warning",              "warning",                     "预警"},
    {"notice_kind.overdue",              "overdue",                     "逾期"},
    {"kpi.closure",                      "closure",                     "办结率"},
    {"kpi.on_time",                      "on_time",                     "按时办复率"},
    {"kpi.contact",                      "contact",                     "联系率"},
    {"kpi.face_to_face",                 "face_to_face",                "见面率"},
    {"kpi.satisfaction",                 "satisfaction",                "满意率"},
    {"kpi.follow_up",                    "follow_up",                   "落实率"},
    {"kpi.key_on_time",                  "key_on_time",                 "重点件按时办复率"},
    {"section.ladder",                   "ladder",                      "三级协调"},
    {"section.overdue",                  "overdue",                     "逾期"},
    {"section.last_warning",             "last_warning",                "最后一次催办"},
    {"section.dissatisfied",             "dissatisfied",                "不满意"},
    {"section.rehandling",               "rehandling",                  "再次办理"},
    {"section.key_item",                 "key_item",                    "重点及督办件"},

    // ---- Words shared by the reports
    {"common.all_units",                 "all units",                   "全部单位"},
    {"common.unit",                      "unit {0}",                    "单位 {0}"},
    {"common.provisional",               " (provisional)",              "（暂定）"},
    {"common.no_role",                   "-",                           "-"},
    {"common.open",                      "open",                        "未完成"},
    {"common.na",                        "n/a",                         "无"},
    {"common.language",                  "Language",                    "语言"},
    {"common.as_of",                     "As of {0}",                   "截至{0}"},

    // ---- Column headers
    {"col.id",                           "id",                          "编号"},
    {"col.kind",                         "kind",                        "类型"},
    {"col.category",                     "category",                    "类别"},
    {"col.title",                        "title",                       "标题"},
    {"col.lead_proposer",                "lead proposer",               "领衔人"},
    {"col.units",                        "units",                       "承办单位"},
    {"col.unit",                         "unit",                        "承办单位"},
    {"col.role",                         "role",                        "承办方式"},
    {"col.state",                        "state",                       "状态"},
    {"col.assigned_on",                  "assigned on",                 "交办日期"},
    {"col.reply_due",                    "reply due",                   "答复期限"},
    {"col.replied_on",                   "replied on",                  "答复日期"},
    {"col.class",                        "class",                       "办理结果"},
    {"col.satisfaction",                 "satisfaction",                "满意度"},
    {"col.disclosure",                   "disclosure",                  "公开方式"},
    {"col.wd_late",                      "wd late",                     "逾期工作日"},
    {"col.reminders",                    "reminders",                   "催办次数"},
    {"col.tracking",                     "tracking",                    "跟踪方式"},
    {"col.supervising_leader",           "supervising leader",          "督办领导"},
    {"col.items",                        "items",                       "件数"},
    {"col.lead",                         "lead",                        "主办"},
    {"col.co_handled",                   "co-handled",                  "会办"},
    {"col.separate",                     "separate",                    "分别办理"},
    {"col.unassigned",                   "unassigned",                  "未交办"},
    {"col.from",                         "from",                        "起"},
    {"col.to",                           "to",                          "止"},
    {"col.held",                         "held",                        "承办件数"},
    {"col.done",                         "done",                        "已办复"},
    {"col.done_in_period",               "done in period",              "本期办复"},
    {"col.on_time",                      "on time",                     "按时办复"},
    {"col.overdue",                      "overdue",                     "逾期未办"},
    {"col.overdue_items",                "overdue items",               "逾期未办件"},
    {"col.late",                         "late",                        "逾期办复"},
    {"col.late_items",                   "late items",                  "逾期办复件"},
    {"col.satisfied",                    "satisfied",                   "满意"},
    {"col.basically_satisfied",          "basically satisfied",         "基本满意"},
    {"col.dissatisfied",                 "dissatisfied",                "不满意"},
    {"col.no_feedback",                  "no feedback",                 "未反馈"},
    {"col.key_or_supervised",            "key or supervised",           "重点及督办件"},
    {"col.of_those_done",                "of those done",               "其中已办复"},
    {"col.of_those_on_time",             "of those on time",            "其中按时"},
    {"col.due",                          "due",                         "期限"},
    {"col.done_on",                      "done on",                     "办复日期"},
    {"col.kpi",                          "kpi",                         "指标"},
    {"col.numerator",                    "numerator",                   "分子"},
    {"col.denominator",                  "denominator",                 "分母"},
    {"col.rate",                         "rate",                        "比率"},
    {"col.section",                      "section",                     "事项"},
    {"col.level",                        "level",                       "协调层级"},
    {"col.leader",                       "leader who acts next",        "下一步办理领导"},
    {"col.window_due",                   "window due",                  "协调时限"},
    {"col.detail",                       "detail",                      "情况"},
    {"col.rank",                         "rank",                        "排名"},
    {"col.on_time_rate",                 "on-time rate",                "按时办复率"},
    {"col.obligations",                  "obligations",                 "应办件次"},
    {"col.since",                        "since",                       "起始日期"},

    // ---- Ledger
    {"ledger.title",                     "Ledger as of {0}, {1}",       "台账（截至{0}，{1}）"},
    {"ledger.count_one",                 "{0} item, {1} key or leader-supervised", "共{0}件，其中重点办理或领导督办{1}件"},
    {"ledger.count_many",                "{0} items, {1} key or leader-supervised", "共{0}件，其中重点办理或领导督办{1}件"},
    {"ledger.tracked",                   "Key and leader-supervised items", "重点办理和领导督办件"},
    {"tracking.key",                     "key",                         "重点办理"},
    {"tracking.supervised",              "leader-supervised",           "领导督办"},
    {"tracking.both",                    "key, leader-supervised",      "重点办理、领导督办"},

    // ---- Summary
    {"summary.title",                    "Summary as of {0}, {1}",      "办理情况汇总（截至{0}，{1}）"},
    {"summary.total",                    "total",                       "合计"},
    {"summary.by_all",                   "By kind, role, category and state", "按类型、承办方式、类别和状态"},
    {"summary.by_kind",                  "By kind",                     "按类型"},
    {"summary.by_category",              "By category",                 "按类别"},
    {"summary.by_state",                 "By state",                    "按状态"},
    {"headline.items_one",               "{0} item",                    "共{0}件"},
    {"headline.items_many",              "{0} items",                   "共{0}件"},
    {"headline.kinds",                   ": {0}",                       "：{0}"},
    {"headline.join",                    ", ",                          "，"},
    {"headline.deputy_one",              "{0} deputy suggestion",       "人大代表建议{0}件"},
    {"headline.deputy_many",             "{0} deputy suggestions",      "人大代表建议{0}件"},
    {"headline.cppcc_one",               "{0} CPPCC proposal",          "政协提案{0}件"},
    {"headline.cppcc_many",              "{0} CPPCC proposals",         "政协提案{0}件"},
    {"headline.roles",                   " ({0})",                      "（{0}）"},
    {"headline.role_join",               ", ",                          "、"},
    {"headline.lead",                    "{0} lead",                    "主办{0}件"},
    {"headline.co_handled",              "{0} co-handled",              "会办{0}件"},
    {"headline.separate",                "{0} separate",                "分别办理{0}件"},
    {"headline.unassigned",              "{0} unassigned",              "未交办{0}件"},
    {"headline.replied_lead",            "; {0} lead items replied",    "；主办件已答复{0}件"},
    {"headline.replied",                 "; {0} items replied",         "；已答复{0}件"},
    {"headline.published",               "; {0} published",             "；公开{0}件"},
    {"headline.on_request",              ", {0} on request ({1})",      "，依申请公开{0}件（{1}）"},
    {"headline.not_public",              ", {0} not public ({1})",      "，不予公开{0}件（{1}）"},
    {"headline.id_join",                 ", ",                          "、"},

    // ---- Bulletin
    {"bulletin.title",                   "Bimonthly bulletin for {0}, {1} to {2}", "{0}双月通报（{1}至{2}）"},
    {"bulletin.figures",                 "Items held: {0}; replied or opinion sent: {1} ({2} in the period); on time: {3}; overdue: {4}; met late: {5}",
                                         "承办{0}件；已答复或已送会办意见{1}件（本期{2}件）；按时办复{3}件；逾期未办{4}件；逾期办复{5}件"},
    {"bulletin.ratings",                 "Ratings: {0} satisfied, {1} basically satisfied, {2} dissatisfied, {3} no feedback",
                                         "征询意见：满意{0}件，基本满意{1}件，不满意{2}件，未反馈{3}件"},
    {"bulletin.reminders",               "Reminders sent in the period: {0}", "本期催办{0}次"},
    {"bulletin.key",                     "Key and leader-supervised items: {0}; done: {1}; on time: {2}",
                                         "重点办理和领导督办件{0}件；已办复{1}件；按时办复{2}件"},
    {"bulletin.slow",                    "Slow items",                  "进度滞后件"},
    {"bulletin.list_join",               "; ",                          "；"},

    // ---- KPIs
    {"kpi.title",                        "KPIs as of {0}, {1}",         "考核指标（截至{0}，{1}）"},

    // ---- Leaders' brief (专报)
    {"brief.title",                      "Leaders' brief as of {0}, {1}", "领导专报（截至{0}，{1}）"},
    {"brief.counts",                     "On the coordination ladder: {0}; overdue: {1}; at the last reminder: {2}; dissatisfied: {3}; re-handling: {4}; key and leader-supervised: {5}",
                                         "三级协调{0}件；逾期{1}件；已到最后一次催办{2}件；不满意{3}件；再次办理{4}件；重点办理和领导督办{5}件"},
    {"brief.lines",                      "What is stuck and who acts next", "需协调事项及下一步办理领导"},
    {"brief.ranking",                    "Units by on-time rate and working days late", "承办单位按时办复率及逾期工作日排名"},
    {"brief.ladder_detail",              "{0}; climbed: {1}",           "{0}；协调经过：{1}"},
    {"brief.trigger",                    "trigger {0}",                 "触发：{0}"},
    {"brief.decided",                    "decided {0} by {1}: {2}",     "{0}由{1}决定：{2}"},
    {"brief.climb_step",                 "{0} {1} from {2}",            "{0} {1}（{2}起）"},
    {"brief.climb_join",                 " -> ",                        " → "},
    {"brief.overdue_detail",             "{0} due {1}, {2} working days late", "{0}期限{1}，逾期{2}个工作日"},
    {"brief.warning_detail",             "{0} due {1}, {2} working days left", "{0}期限{1}，剩余{2}个工作日"},
    {"brief.rating_detail",              "rated {0} on {1}",            "{1}评价为{0}"},
    {"brief.rehandling_detail",          "re-handling reply due {0}",   "再次办理答复期限{0}"},
    {"brief.key_detail",                 "{0}; {1}; reply due {2}",     "{0}；{1}；答复期限{2}"},
    {"brief.key_replied",                "replied {0}",                 "{0}已答复"},
    {"brief.key_open",                   "not replied",                 "尚未答复"},
    {"brief.nothing",                    "Nothing is stuck.",           "无需协调事项。"},

    // ---- Notices: "<issued> <kind>: <clock> due <due>: ..."
    {"notice.clock_unit",                "case {0} unit {1} {2} cycle {3}", "{0} {1} {2}（第{3}轮）"},
    {"notice.clock_case",                "case {0} {2} cycle {3}",      "{0} {2}（第{3}轮）"},
    {"notice.head",                      "{0} {1}: {2} due {3}",        "{0} {1}：{2}，期限{3}"},
    {"notice.reminder",                  "{0}: {1} left (point: {2} before due, {3})", "{0}：剩余{1}（催办点：期限前{2}，{3}）"},
    {"notice.warning",                   "{0}: {1} left (point: {2}% of the time elapsed, {3})", "{0}：剩余{1}（预警点：已用时{2}%，{3}）"},
    {"notice.overdue",                   "{0}: {1} late",               "{0}：逾期{1}"},
    {"notice.workdays_one",              "{0} working day",             "{0}个工作日"},
    {"notice.workdays_many",             "{0} working days",            "{0}个工作日"},

    // ---- Escalation moves: "<on> escalation: case <id> cycle <n> <from> -> <to>: <why>; <who> acts ..."
    {"escalation.line",                  "{0} escalation: case {1} cycle {2} {3} -> {4}: {5}{6}", "{0} 三级协调：{1}（第{2}轮）{3} → {4}：{5}{6}"},
    {"escalation.trigger",               "trigger {0}",                 "触发：{0}"},
    {"escalation.ran_out",               "{1}",                         "{0}协调时限届满未解决"},
    {"escalation.skipped",               "{1}",                         "{0}协调时限届满，第二级无分管领导，越级上报"},
    {"escalation.resolved",              "decided by {0}: {1}",         "{0} 决定：{1}"},
    {"escalation.acts",                  "; {0} acts, window due {1}",  "；由{0} 办理，协调时限{1}"},

    // ---- History lines: "<at> <who> <event><details> -> <state>"
    {"history.line",                     "{0} {1} {2}{3} -> {4}",       "{0} {1} {2}{3} → {4}"},
    {"history.units",                    " units={0}",                  " 承办单位={0}"},
    {"history.unit",                     " unit={0}",                   " 单位={0}"},
    {"history.new_unit",                 " unit={0} new_unit={1}",      " 单位={0} 改由={1}"},
    {"history.leader_led",               " leader_led",                 " 领导带队"},
    {"history.class",                    " class={0}",                  " 办理结果={0}"},
    {"history.until",                    " until={0}",                  " 延期至={0}"},
    {"history.unit_until",               " unit={0} until={1}",         " 单位={0} 延期至={1}"},
    {"history.rating",                   " rating={0}",                 " 满意度={0}"},
    {"history.decision",                 " decision={0}",               " 公开方式={0}"},
    {"history.lead_item",                " lead_item={0}",              " 并入={0}"},
    {"history.reason",                   " reason=\"{0}\"",             " 理由=“{0}”"},

    // ---- The HTML report
    {"html.title",                       "Suggestions and proposals as of {0}, {1}", "建议提案办理情况（截至{0}，{1}）"},
    {"html.kpis",                        "Evaluation figures",          "考核指标"},
    {"html.ledger",                      "Ledger",                      "台账"},
    {"html.timelines",                   "Item timelines",              "办理过程"},
    {"html.bulletins",                   "Bimonthly bulletins",         "双月通报"},
    {"html.brief",                       "Leaders' brief",              "领导专报"},
    {"html.by_unit",                     "Each unit's figures",         "各承办单位情况"},
    {"html.filter",                      "Filter",                      "筛选"},
    {"html.all",                         "all",                         "全部"},
    {"html.rows_shown",                  "rows shown",                  "条显示"},
    {"html.key_only",                    "key or leader-supervised only", "仅重点及督办件"},
    {"html.clocks",                      "Deadlines",                   "期限"},
    {"html.escalation_level",            "Coordination level",          "协调层级"},
    {"html.overdue_mark",                "overdue",                     "逾期"},
    {"html.sort_hint",                   "click a column header to sort", "点击表头排序"},

    // ---- Sheet names of workbooks (at most 31 characters)
    {"sheet.ledger",                     "Ledger",                      "台账"},
    {"sheet.tracked",                    "Key items",                   "重点及督办件"},
    {"sheet.summary",                    "Summary",                     "汇总"},
    {"sheet.by_kind",                    "By kind",                     "按类型"},
    {"sheet.by_category",                "By category",                 "按类别"},
    {"sheet.by_state",                   "By state",                    "按状态"},
    {"sheet.kpis",                       "KPIs",                        "考核指标"},
    {"sheet.bulletin",                   "Bulletin",                    "双月通报"},
    {"sheet.slow",                       "Slow items",                  "进度滞后件"},
    {"sheet.brief",                      "Brief",                       "领导专报"},
    {"sheet.ranking",                    "Units ranked",                "单位排名"},
};
// clang-format on

// The rows sorted by key once, for binary search.
const std::vector<label_row> &sorted_rows() {
  static const std::vector<label_row> sorted = [] {
    std::vector<label_row> v(std::begin(rows), std::end(rows));
    std::sort(v.begin(), v.end(), [](const label_row &a, const label_row &b) { return a.key < b.key; });
    return v;
  }();
  return sorted;
}

} // namespace

std::string_view to_string(language l) noexcept { return l == language::zh ? "zh" : "en"; }

result<language> parse_language(std::string_view name) {
  if (name == "en") return language::en;
  if (name == "zh") return language::zh;
  return fail(errc::parse_error, fmt::format("unknown language '{}' (expected en, zh)", name));
}

std::span<const label_row> label_table() noexcept { return sorted_rows(); }

std::string_view label(std::string_view key, language lang) noexcept {
  const auto &v = sorted_rows();
  const auto it = std::lower_bound(v.begin(), v.end(), key, [](const label_row &r, std::string_view k) { return r.key < k; });
  if (it == v.end() || it->key != key) return key;
  return lang == language::zh ? it->zh : it->en;
}

std::string_view enum_label(std::string_view group, std::string_view name, language lang) {
  std::string key;
  key.reserve(group.size() + 1 + name.size());
  key.append(group).append(".").append(name);
  const auto text = label(key, lang);
  // Unknown: the stable name, never the composed key (a new enum value reads as its name).
  return text.data() == nullptr || text == key ? name : text;
}

} // namespace caseflow
