"""The read-only JSON API: public pages and events for other sites."""

urlpatterns = []
