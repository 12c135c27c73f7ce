-- The leak check's load, in turn: a read of the user, a page of users, and
-- with the items example a page of items and a write.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local requests, turn
function init(_args)
  local api = os.getenv("BENCH_API_PREFIX")
  local reader = { Authorization = os.getenv("BENCH_READER_AUTHORIZATION") }
  local admin = { Authorization = os.getenv("BENCH_ADMIN_AUTHORIZATION") }
  requests = {
    wrk.format("GET", api .. "/users/me", reader),
    wrk.format("GET", api .. "/users/?limit=100", admin),
  }
  -- region capability: items
  local writer = {
    Authorization = os.getenv("BENCH_WRITER_AUTHORIZATION"),
    ["Content-Type"] = "application/json",
  }
  local reader_items = api .. "/orgs/" .. os.getenv("BENCH_READER_ORG") .. "/items/"
  local writer_items = api .. "/orgs/" .. os.getenv("BENCH_WRITER_ORG") .. "/items/"
  table.insert(requests, wrk.format("GET", reader_items .. "?limit=100", reader))
  table.insert(requests, wrk.format("POST", writer_items, writer, '{"title":"Leak check","description":"x"}'))
  -- endregion capability: items
  turn = 0
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end
