-- wrk script of bench/web-bench.sh: judges entering an exam's marks through `skillscore serve`,
-- one PUT /api/exams/EXAM/marks per mark, each mark sent exactly once.
--
-- Reads $WEB_BENCH_DIR/marks.tsv (judge, candidate, aspect, value; one mark a line) and
-- $WEB_BENCH_DIR/sessions.tsv (judge, cookie, csrf token: each judge signed in once). wrk's
-- threads take every n-th mark (thread k of n: lines k, k + n, …); the connections of a thread
-- share its marks, each request the next one, in the name of that mark's judge. A thread stops
-- once every mark it sent has an answer; a non-2xx answer is counted and reported at the end.
local dir = os.getenv("WEB_BENCH_DIR")
local exam = os.getenv("WEB_BENCH_EXAM")
local threads = {}
local counter = 0

local function lines(file)
  local rows = {}
  for line in io.lines(dir .. "/" .. file) do
    local fields = {}
    for field in string.gmatch(line, "[^\t]+") do table.insert(fields, field) end
    table.insert(rows, fields)
  end
  return rows
end

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  total_threads = tonumber(os.getenv("WEB_BENCH_THREADS"))
  sessions = {}
  for _, row in ipairs(lines("sessions.tsv")) do sessions[row[1]] = {cookie = row[2], csrf = row[3]} end
  marks = {}
  for number, row in ipairs(lines("marks.tsv")) do
    if (number - 1) % total_threads == index - 1 then table.insert(marks, row) end
  end
  sent = 0
  checked = false
  answered = 0
  failed = 0
end

-- Once a thread has sent all its marks, its connections only wait for the answers: a read every
-- 200 ms each, so that waiting does not take the processor from the marks still being written.
function delay()
  if sent >= #marks then return 200 end
  return 0
end

function request()
  -- wrk calls request() once on its first thread to check the script and never sends that
  -- request: a first call per thread gives the harmless read below, so no mark is lost to it.
  if not checked then
    checked = true
    return wrk.format("GET", "/api/exams/" .. exam .. "/candidates-none")
  end
  if sent >= #marks then
    -- Every mark is out: wait for the answers (a harmless read that the summary leaves out).
    return wrk.format("GET", "/api/exams/" .. exam .. "/candidates-none")
  end
  sent = sent + 1
  local mark = marks[sent]
  local session = sessions[mark[1]]
  local body = string.format(
    '{"client_id": "b%d-%d", "candidate": "%s", "aspect": "%s", "value": "%s"}',
    index, sent, mark[2], mark[3], mark[4])
  return wrk.format("PUT", "/api/exams/" .. exam .. "/marks", {
    ["Cookie"] = session.cookie,
    ["X-CSRF-Token"] = session.csrf,
    ["Content-Type"] = "application/json",
  }, body)
end

function response(status, headers, body)
  if status == 404 then  -- the waiting reads above
    if answered >= #marks then wrk.thread:stop() end
    return
  end
  answered = answered + 1
  if status ~= 200 then
    failed = failed + 1
    if failed <= 3 then io.stderr:write("refused: " .. status .. " " .. body .. "\n") end
  end
  if answered >= #marks then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local refused = 0
  local answers = 0
  for _, thread in ipairs(threads) do
    refused = refused + thread:get("failed")
    answers = answers + thread:get("answered")
  end
  io.write(string.format("marks answered: %d, refused: %d\n", answers, refused))
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
end
