"""Reading articles from files, URLs, feeds and records into plain, structured text."""
