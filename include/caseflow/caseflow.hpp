// caseflow: the umbrella header. Includes every public header; include single ones to build faster.
#pragma once

#include <caseflow/book_setup.hpp>
#include <caseflow/calendar.hpp>
#include <caseflow/case_clocks.hpp>
#include <caseflow/casebook.hpp>
#include <caseflow/clock.hpp>
#include <caseflow/clock_json.hpp>
#include <caseflow/data_files.hpp>
#include <caseflow/digest.hpp>
#include <caseflow/due_index.hpp>
#include <caseflow/error.hpp>
#include <caseflow/escalation.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/event_store.hpp>
#include <caseflow/holiday_rule.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/linkage.hpp>
#include <caseflow/model.hpp>
#include <caseflow/notice.hpp>
#include <caseflow/org.hpp>
#include <caseflow/period.hpp>
#include <caseflow/policy.hpp>
#include <caseflow/policy_json.hpp>
#include <caseflow/report.hpp>
#include <caseflow/workflow.hpp>
#include <caseflow/writer_preferring_mutex.hpp>
