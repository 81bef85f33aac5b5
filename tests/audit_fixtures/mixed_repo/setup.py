from setuptools import setup

setup(
    name="demo",
    install_requires=["azureml-widgets==1.0.85", "requests"],
)
