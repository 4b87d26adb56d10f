// history_text: notices, escalation moves and history lines as people read them, in a language.
//
// The English lines are the ones notice.hpp, escalation.hpp, casebook.hpp and workflow.hpp have always
// written (to_string(x) == to_string(x, language::en)); the Chinese ones use DOMAIN.md's terms
// (催办, 预警, 逾期, 答复, 主办 ...). Every word comes from the label table (language.hpp).
// Example, a reminder in Chinese:
//   "2024-04-12 催办：16-2/0581 minhang 答复（第1轮），期限2024-04-26：剩余10个工作日（催办点：期限前10个工作日，2024-04-12）"
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/escalation.hpp>
#include <caseflow/language.hpp>
#include <caseflow/notice.hpp>
#include <caseflow/workflow.hpp>

#include <string>

namespace caseflow {

/// "case 16-2/0581 unit minhang reply cycle 1", or "16-2/0581 minhang 答复（第1轮）".
std::string to_string(const clock_key &key, language lang);
/// One notice line (see notice.hpp).
std::string to_string(const notice &n, language lang);
/// One escalation move (see escalation.hpp). In Chinese the one who acts is named by level and org id
/// ("主要领导 sh-mayor"), since the notice's who_text is English.
std::string to_string(const escalation_notice &n, language lang);
/// One line of a case's history (see casebook.hpp).
std::string to_string(const history_line &line, language lang);
/// Who sent an event: "unit 'minhang'", or "承办单位 minhang".
std::string describe(const actor &a, language lang);
/// One accepted event with its details, as a line of format_history (without the line break).
std::string describe(const history_entry &h, language lang);
/// The record's history, one line per event, with the event's details (see workflow.hpp format_history).
std::string format_history(const case_record &c, language lang);

} // namespace caseflow
