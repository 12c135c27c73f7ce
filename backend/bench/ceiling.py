"""The ceiling: the least a FastAPI app can do per request on this machine.

Served by the same command and settings as the real app, so the ratio of an
endpoint's throughput to this one's is the share the app's own work costs.
"""

from fastapi import FastAPI

app = FastAPI()


@app.get("/")
async def constant() -> dict[str, str]:
    return {"status": "ok"}
