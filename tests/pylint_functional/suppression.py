"""# pylint: disable works by symbol and by msgid, on the line, on the next line and in scope."""
from azureml.train.estimator import Estimator  # pylint: disable=azureml-deprecated-import

on_the_line = Estimator('src')  # pylint: disable=azureml-estimator
by_msgid = Estimator('src')  # pylint: disable=W7301
keyword_only = Estimator('src', use_gpu=True)  # pylint: disable=azureml-estimator-environment-param  # [azureml-estimator]
# pylint: disable-next=azureml-estimator
next_line = Estimator('src')
reported = Estimator('src')  # [azureml-estimator]


def scoped():
    """Everything in this function is silenced."""
    # pylint: disable=azureml-estimator,azureml-estimator-environment-param
    first = Estimator('src', use_gpu=True)
    second = Estimator(
        'src',
        shm_size='8g',
    )
    return first, second


after_scope = Estimator('src')  # [azureml-estimator]
