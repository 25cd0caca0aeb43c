# Varnish in front of gunicorn (`make serve-varnish`, config/varnish/serve.py).
#
# Anonymous visitors' pages, feeds and static files are kept; anything with a
# session or a messages cookie, the admin, documents (privacy is checked per
# request), search and the health check go straight to the app. A response
# that sets a cookie (a page with a CSRF form) or says private/no-store is
# never kept (Varnish's built-in rules, which run after these).
#
# The key is the address, the host, the scheme the TLS proxy saw, and the
# language (from the address: nb has no prefix), so each language and each
# scheme has its own copy.
#
# PURGE, sent by the app through wagtail.contrib.frontend_cache's HTTP backend
# whenever the content changes (cms/platform/frontcache.py), drops every kept
# page and feed, of every host, and keeps the static files: a menu or footer on
# every page shows other pages' titles, so a narrower purge would leave stale
# copies (the same rule as the Redis page cache's generations).
#
# serve.py fills in the @...@ values.

vcl 4.1;

backend app {
    .host = "127.0.0.1";
    .port = "@BACKEND_PORT@";
    .first_byte_timeout = 60s;
    .probe = {
        .request =
            "GET /health/ HTTP/1.1"
            "Host: @HOST_HEADER@"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .interval = 5s;
        .timeout = 3s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}
@STATIC_BACKEND@
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-kept-url !~ ^/static/");
        return (synth(200, "Purged"));
    }
    set req.backend_hint = app;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    unset req.http.X-Language;
    if (req.url ~ "^/static/") {
@STATIC_ROUTE@
        unset req.http.Cookie;
        return (hash);
    }
    if (req.url ~ "^/(admin|documents|health)(/|$)" || req.url ~ "^/([a-z]{2}/)?sok/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # An anonymous visitor: her page does not depend on her cookies (a form
    # that uses its CSRF cookie sets one, and is never kept). The app still
    # gets them (vcl_backend_fetch), the lookup does not.
    if (req.http.Cookie) {
        set req.http.X-Kept-Cookie = req.http.Cookie;
        unset req.http.Cookie;
    }
    # The language is in the address; Accept-Language changes nothing but the
    # number of copies.
    unset req.http.Accept-Language;
    if (req.url ~ "^/(en|ar|so|ur|pl|ti|fa|tr)(/|\?|$)") {
        set req.http.X-Language = regsub(req.url, "^/([a-z]{2}).*$", "\1");
    } else {
        set req.http.X-Language = "nb";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    hash_data(req.http.X-Forwarded-Proto);
    hash_data(req.http.X-Language);
    return (lookup);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Kept-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Kept-Cookie;
        unset bereq.http.X-Kept-Cookie;
    }
}

sub vcl_backend_response {
    # Bans test this (the ban lurker can, as it names no request).
    set beresp.http.x-kept-url = bereq.url;
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # A short grace: a page whose time ran out is served once more while a
    # fresh one is fetched. A purge ends it at once.
    set beresp.grace = 30s;
}

sub vcl_deliver {
    unset resp.http.x-kept-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
