"""The site's pages made from the linked archive: articles, listings, entity and timeline pages, the feed, the
search index, citations, permanent addresses, and the writing of it all into the docs folder."""
