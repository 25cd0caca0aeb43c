"""The training programme in Wagtail's admin: policies, viewsets, bulk delete, and what is kept."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from cms.curriculum.admin import LocalVariantDeleteBulkAction, TrainingViewSetGroup
from cms.curriculum.models import CurriculumModule, LocalModuleVariant
from cms.curriculum.permissions import curriculum_permission_policy, local_variant_policy

# Registered before any view asks for these models' policies (see events' hooks).
register_permission_policy(LocalModuleVariant, local_variant_policy)
register_permission_policy(CurriculumModule, curriculum_permission_policy)

register_snippet(TrainingViewSetGroup)

hooks.register("register_bulk_action", LocalVariantDeleteBulkAction, order=1)
