-- The leak check's load: a read of the user, a page of items and a write, in turn.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local requests, turn
function init(_args)
  local api = os.getenv("BENCH_API_PREFIX")
  local reader = { Authorization = os.getenv("BENCH_READER_AUTHORIZATION") }
  local writer = {
    Authorization = os.getenv("BENCH_WRITER_AUTHORIZATION"),
    ["Content-Type"] = "application/json",
  }
  local reader_items = api .. "/orgs/" .. os.getenv("BENCH_READER_ORG") .. "/items/"
  local writer_items = api .. "/orgs/" .. os.getenv("BENCH_WRITER_ORG") .. "/items/"
  requests = {
    wrk.format("GET", api .. "/users/me", reader),
    wrk.format("GET", reader_items .. "?limit=100", reader),
    wrk.format("POST", writer_items, writer, '{"title":"Leak check","description":"x"}'),
  }
  turn = 0
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end
