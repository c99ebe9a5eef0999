-- wrk script of bench/web-bench.sh: judges entering an exam's marks through `skillscore serve`,
-- one PUT /api/exams/EXAM/marks per mark, each mark sent exactly once.
--
-- Reads $WEB_BENCH_DIR/marks.tsv (judge, candidate, aspect, value; one mark a line) and
-- $WEB_BENCH_DIR/sessions.tsv (judge, cookie, csrf token: each judge signed in once). wrk's
-- threads take every n-th mark (thread k of n: lines k, k + n, …); the connections of a thread
-- share its marks, each request the next one, in the name of that mark's judge. A thread stops
-- once every mark it sent has an answer; a non-2xx answer is counted and reported at the end.
--
-- $WEB_BENCH_PACE_MS (default 0) paces the connections: 0 sends the next mark the moment the
-- last is answered (closed loop, judges as fast as possible); N > 0 waits a random time between
-- N / 2 and 3 N / 2 ms (N on average) after each answer, and before the first mark, as a judge
-- at the bench does between two values, so that the connections do not move in step.
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

-- A connection that has sent the thread's last mark waits this long before its next request: the
-- thread stops on the last answer before then, so no request but a mark is measured.
local kFinishedWait = 3600 * 1000

function init(args)
  total_threads = tonumber(os.getenv("WEB_BENCH_THREADS"))
  sessions = {}
  for _, row in ipairs(lines("sessions.tsv")) do sessions[row[1]] = {cookie = row[2], csrf = row[3]} end
  marks = {}
  for number, row in ipairs(lines("marks.tsv")) do
    if (number - 1) % total_threads == index - 1 then table.insert(marks, row) end
  end
  pace = tonumber(os.getenv("WEB_BENCH_PACE_MS") or "0")
  math.randomseed(index * 7919)
  sent = 0
  checked = false
  answered = 0
  failed = 0
end

function delay()
  if sent >= #marks then return kFinishedWait end
  if pace == 0 then return 0 end
  return math.floor(pace * (0.5 + math.random()))
end

function request()
  -- wrk calls request() once on its first thread to check the script and never sends that
  -- request: a first call per thread gives the harmless read below, so no mark is lost to it.
  if not checked then
    checked = true
    return wrk.format("GET", "/api/exams/" .. exam .. "/candidates-none")
  end
  if sent >= #marks then
    -- Every mark is out and the thread still runs (an answer is late): a harmless read.
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
