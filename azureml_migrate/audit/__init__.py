"""``azureml-migrate audit``: whole repositories, every file kind, reports and a CI gate."""
