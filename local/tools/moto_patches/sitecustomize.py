"""Loaded by the local stack's moto_server (PYTHONPATH): makes moto 5.2.5's Lake Formation LF-Tag assignments (added to
moto in https://github.com/getmoto/moto/pull/6879) behave
as Lake Formation documents them, where the sync depends on it. Nothing else is changed.

- GetResourceLFTags of a database, table or column that carries no LF-Tag raises KeyError in moto (an HTTP 500);
  Lake Formation answers an empty list
  (https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_GetResourceLFTags.html).
- AddLFTagsToResource replaces every LF-Tag of the resource with the ones sent in moto; Lake Formation attaches
  them beside the resource's other tags (one value per key)
  (https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_AddLFTagsToResource.html).
- RemoveLFTagsFromResource of a tag the resource does not carry raises ValueError in moto (an HTTP 500).
"""
from collections import defaultdict


def _patch():
    from moto.lakeformation import models

    backend = models.LakeFormationBackend
    original_init = backend.__init__

    def __init__(self, region_name, account_id):
        original_init(self, region_name, account_id)
        self.lf_database_tags = defaultdict(list)
        self.lf_table_tags = defaultdict(list)
        self.lf_columns_tags = defaultdict(list)

    def _merged(existing, tags):
        keys = {tag["TagKey"] for tag in tags}
        return [tag for tag in existing if tag["TagKey"] not in keys] + [dict(tag) for tag in tags]

    def add_lf_tags_to_resource(self, catalog_id, resource, tags):
        existing_lf_tags = self.list_lf_tags(catalog_id)
        failures = []
        for tag in tags:
            tag.setdefault("CatalogId", catalog_id)
            if tag["TagKey"] not in existing_lf_tags:
                failures.append({"LFTag": tag, "Error": {"ErrorCode": "EntityNotFoundException",
                                                         "ErrorMessage": "Tag or tag value does not exist."}})
        if failures:
            return failures
        if "Database" in resource:
            key = (resource["Database"].get("CatalogId", self.account_id), resource["Database"]["Name"])
            self.lf_database_tags[key] = _merged(self.lf_database_tags[key], tags)
        if "Table" in resource:
            t = resource["Table"]
            key = (t.get("CatalogId", self.account_id), t["DatabaseName"], t["Name"])
            self.lf_table_tags[key] = _merged(self.lf_table_tags[key], tags)
        if "TableWithColumns" in resource:
            t = resource["TableWithColumns"]
            for column in t["ColumnNames"]:
                key = (t.get("CatalogId", self.account_id), t["DatabaseName"], t["Name"], column)
                self.lf_columns_tags[key] = _merged(self.lf_columns_tags[key], tags)
        return failures

    def remove_lf_tags_from_resource(self, catalog_id, resource, tags):
        for tag in tags:
            tag.setdefault("CatalogId", catalog_id)
        lists = []
        if "Database" in resource:
            lists.append(self.lf_database_tags[(resource["Database"].get("CatalogId", self.account_id),
                                                resource["Database"]["Name"])])
        if "Table" in resource:
            t = resource["Table"]
            lists.append(self.lf_table_tags[(t.get("CatalogId", self.account_id), t["DatabaseName"], t["Name"])])
        if "TableWithColumns" in resource:
            t = resource["TableWithColumns"]
            for column in t["ColumnNames"]:
                lists.append(self.lf_columns_tags[(t.get("CatalogId", self.account_id), t["DatabaseName"],
                                                   t["Name"], column)])
        for existing in lists:
            for tag in tags:
                if tag in existing:
                    existing.remove(tag)

    backend.__init__ = __init__
    backend.add_lf_tags_to_resource = add_lf_tags_to_resource
    backend.remove_lf_tags_from_resource = remove_lf_tags_from_resource


try:
    _patch()
except ImportError:
    pass
