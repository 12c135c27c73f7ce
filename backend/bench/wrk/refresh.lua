-- POST /login/refresh with a token never used before: refresh tokens are
-- single-use, so thread n takes the seeded tokens [first + n*per_thread, ...).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local threads_started = 0
function setup(thread)
  thread:set("thread_index", threads_started)
  threads_started = threads_started + 1
end

local prefix, next_token
function init(_args)
  prefix = os.getenv("BENCH_REFRESH_PREFIX")
  local per_thread = tonumber(os.getenv("BENCH_REFRESH_PER_THREAD"))
  next_token = tonumber(os.getenv("BENCH_REFRESH_FIRST")) + thread_index * per_thread
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = '{"refresh_token":"' .. prefix .. next_token .. '"}'
  next_token = next_token + 1
  return wrk.format(nil, nil, nil, body)
end
