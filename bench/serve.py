"""Run the API alone under uvicorn for a benchmark: `python bench/serve.py PORT` with CORRESPONDENCE_* set."""

from __future__ import annotations

import sys

import uvicorn

from correspondence.app import create_app
from correspondence.settings import Settings

if __name__ == "__main__":
    uvicorn.run(create_app(Settings()), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
