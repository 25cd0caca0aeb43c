# Varnish in front of gunicorn (`make serve-varnish`, config/varnish/serve.py).
#
# Anonymous visitors' pages, feeds and static files are kept; anything with a
# session or a messages cookie, the admin, documents and private media (privacy
# is checked per request), search and the health check go straight to the app. A response
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
# copies (the same rule as the Redis page cache's generations). It is taken
# only on the purge port (serve.py's VARNISH_PURGE_PORT, 127.0.0.1), never on
# the visitors' port: a TLS proxy on the same machine makes every visitor
# come from 127.0.0.1.
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
    # Only this VCL sets it, below; from a client it would become her cookie.
    unset req.http.X-Kept-Cookie;
    if (req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
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
    if (req.url ~ "^/(admin|documents|private-media|health)(/|$)" || req.url ~ "^/([a-z]{2}/)?sok/") {
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
    # The app varies its pages on Cookie (a login changes them). What is kept
    # here is only ever looked up for visitors without a session (vcl_recv
    # passes the others on), and the lookup leaves their cookies out, so a
    # Vary on the cookies the app was sent would only split one page into a
    # copy per visitor. vcl_deliver gives browsers the Vary back.
    if (beresp.http.Vary ~ "(?i)cookie") {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
        set beresp.http.x-varied-on-cookie = "1";
    }
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
    if (resp.http.x-varied-on-cookie) {
        unset resp.http.x-varied-on-cookie;
        if (resp.http.Vary) {
            set resp.http.Vary = resp.http.Vary + ", Cookie";
        } else {
            set resp.http.Vary = "Cookie";
        }
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
