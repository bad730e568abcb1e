"""PDF reports in the Party document format (Hướng dẫn 36-HD/VPTW), rendered by WeasyPrint in
Celery: the header (header.py), the data (headline.py, data.py, context.py), the renderer and
its URL fetcher (render.py, fetcher.py), and the jobs (services.py)."""
