-- The leak check's load: reads and writes in turn, stopping each thread after
-- BENCH_STOP_AFTER responses so that the request count is exact.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local requests, responses, limit, turn
function init(_args)
  local api = os.getenv("BENCH_API_PREFIX")
  local reader = { Authorization = os.getenv("BENCH_READER_AUTHORIZATION") }
  local writer = {
    Authorization = os.getenv("BENCH_WRITER_AUTHORIZATION"),
    ["Content-Type"] = "application/json",
  }
  requests = {
    wrk.format("GET", api .. "/users/me", reader),
    wrk.format("GET", api .. "/items/?limit=100", reader),
    wrk.format("POST", api .. "/items/", writer, '{"title":"Leak check","description":"x"}'),
  }
  limit = tonumber(os.getenv("BENCH_STOP_AFTER"))
  responses = 0
  turn = 0
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end

function response(_status, _headers, _body)
  responses = responses + 1
  if responses >= limit then
    wrk.thread:stop()
  end
end
