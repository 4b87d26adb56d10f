# The seed district's year: minhang_2024 replays the bundled journal and must print every figure of
# the seed (DOMAIN.md section 5): 34 city items, 24 deputy suggestions (5 lead, 19 co-handled), 10 CPPCC
# proposals (3 lead, 7 co-handled), all 8 lead items replied, 6 published, 0581 and 0605 on request.
execute_process(COMMAND ${PROGRAM} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "minhang_2024 failed (exit ${rc}): ${err}")
endif()

function(expect fragment)
  string(FIND "${out}" "${fragment}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "minhang_2024: expected '${fragment}' in the output:\n${out}")
  endif()
endfunction()

expect("34 items: 24 deputy suggestions (5 lead, 19 co-handled), 10 CPPCC proposals (3 lead, 7 co-handled)")
expect("; 8 lead items replied; 6 published, 2 on request (16-2/0581, 16-2/0605)")
expect("Bimonthly bulletin for minhang, 2024-03-01 to 2024-04-30")
expect("Bimonthly bulletin for minhang, 2024-11-01 to 2024-12-31")
expect("Items held: 34; replied or opinion sent: 34 (8 in the period); on time: 33; overdue: 0; met late: 1")
expect("satisfaction  8          8            100.0%")
# The difficult item: marked by the district, up the city's ladder to the mayor's decision.
expect("2024-03-18 escalation: case 16-2/0112 cycle 1 none -> office: trigger marked_difficult; office 'sh-office' acts, window due 2024-03-25")
expect("2024-03-26 escalation: case 16-2/0112 cycle 1 office -> supervising_leader: window of office ran out (due 2024-03-25); supervising leader 'sh-vm-exec' acts, window due 2024-04-09")
expect("2024-04-10 escalation: case 16-2/0112 cycle 1 supervising_leader -> principal_leader: window of supervising_leader ran out (due 2024-04-09); principal leader 'sh-mayor' acts, window due 2024-04-23")
expect("2024-04-15 escalation: case 16-2/0112 cycle 1 principal_leader -> resolved: decided by principal leader 'sh-mayor': 市交通委会同闵行区分段推进南片区道路建设")
# The leaders' brief names the ladder and its leaders: at the mayor on 2024-04-12, resolved by the year's end.
expect("Leaders' brief as of 2024-04-12, unit minhang")
expect("sh-mayor")
expect("climbed: office sh-office from 2024-03-18 -> supervising_leader sh-vm-exec from 2024-03-26 -> principal_leader sh-mayor from 2024-04-10")
expect("Leaders' brief as of 2024-12-31, unit minhang")
expect("decided 2024-04-15 by sh-mayor: 市交通委会同闵行区分段推进南片区道路建设")
