"""What outsiders read, public content only: site search, search engines' files, the JSON API."""
