# Realistic estimator-era calls collected from public sources, adapted only in their free names
# (workspace -> ws, compute target -> cluster, datastore -> ds / Datastore.get, paths -> 'src' /
# 'train.py'). Cases are separated by "# case: <name>" lines; the line under each names the source.
# NB = Azure/MachineLearningNotebooks; commits: bb1c7db6 (2020-09, parent of 824d844c), 9c32ca9d (2020-06),
# e2b1b3fc (2019-04), a63f5084 (2018-12).
# case: nb2020_onnx_pytorch_conda_mutation
# NB how-to-use-azureml/deployment/onnx/onnx-train-pytorch-aml-deploy-mnist.ipynb@bb1c7db6
from azureml.train.dnn import PyTorch
estimator = PyTorch(source_directory='src',
                    script_params={'--output-dir': './outputs'},
                    compute_target=cluster,
                    entry_script='train.py',
                    use_gpu=True)
estimator.conda_dependencies.remove_conda_package('pytorch=0.4.0')
estimator.conda_dependencies.add_conda_package('pytorch-nightly')
estimator.conda_dependencies.add_channel('pytorch')
# case: nb2020_estimatorstep_estimator
# NB how-to-use-azureml/machine-learning-pipelines/intro-to-pipelines/aml-pipelines-how-to-use-estimatorstep.ipynb@bb1c7db6
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src',
                compute_target=cluster,
                entry_script='train.py',
                conda_packages=['scikit-learn'])
# case: nb2020_estimatorstep_full
# NB how-to-use-azureml/machine-learning-pipelines/intro-to-pipelines/aml-pipelines-how-to-use-estimatorstep.ipynb@bb1c7db6
from azureml.core import Datastore
from azureml.data.data_reference import DataReference
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import EstimatorStep
from azureml.train.estimator import Estimator
def_blob_store = Datastore(ws, "workspaceblobstore")
input_data = DataReference(
    datastore=def_blob_store,
    data_reference_name="input_data",
    path_on_datastore="20newsgroups/20news.pkl")
output = PipelineData("output", datastore=def_blob_store)
est = Estimator(source_directory='src',
                compute_target=cluster,
                entry_script='train.py',
                conda_packages=['scikit-learn'])
est_step = EstimatorStep(name="Estimator_Train",
                         estimator=est,
                         estimator_entry_script_arguments=["--datadir", input_data, "--output", output],
                         runconfig_pipeline_params=None,
                         inputs=[input_data],
                         outputs=[output],
                         compute_target=cluster)
# case: nb2020_pipeline_hyperdrive_tf
# NB how-to-use-azureml/machine-learning-pipelines/intro-to-pipelines/aml-pipelines-parameter-tuning-with-hyperdrive.ipynb@bb1c7db6
from azureml.train.dnn import TensorFlow
from azureml.train.hyperdrive import (HyperDriveConfig, RandomParameterSampling, BanditPolicy,
                                      PrimaryMetricGoal, choice, loguniform)
est = TensorFlow(source_directory='src',
                 compute_target=cluster,
                 entry_script='train.py',
                 use_gpu=True,
                 framework_version='1.13')
ps = RandomParameterSampling({'--batch-size': choice(25, 50, 100),
                              '--first-layer-neurons': choice(10, 50, 200, 300, 500),
                              '--learning-rate': loguniform(-6, -1)})
early_termination_policy = BanditPolicy(evaluation_interval=2, slack_factor=0.1)
hd_config = HyperDriveConfig(estimator=est,
                             hyperparameter_sampling=ps,
                             policy=early_termination_policy,
                             primary_metric_name='validation_acc',
                             primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                             max_total_runs=4,
                             max_concurrent_runs=4)
# case: nb2020_mpistep_style_transfer
# NB how-to-use-azureml/machine-learning-pipelines/pipeline-style-transfer/pipeline-style-transfer-mpi.ipynb@bb1c7db6
from azureml.data.data_reference import DataReference
from azureml.pipeline.core import PipelineData, PipelineParameter
from azureml.pipeline.steps import MpiStep
models_dir = DataReference(data_reference_name="models", datastore=ds, path_on_datastore="saved_models")
ffmpeg_images = PipelineData(name="ffmpeg_images", datastore=ds)
processed_images = PipelineData(name="processed_images", datastore=ds)
style_param = PipelineParameter(name="style", default_value="mosaic")
nodecount_param = PipelineParameter(name="nodecount", default_value=1)
distributed_style_transfer_step = MpiStep(
    name="mpi style transfer",
    script_name="train.py",
    arguments=["--content-dir", ffmpeg_images,
               "--output-dir", processed_images,
               "--model-dir", models_dir,
               "--style", style_param,
               "--cuda", 1
               ],
    compute_target=cluster,
    node_count=nodecount_param,
    process_count_per_node=1,
    inputs=[models_dir, ffmpeg_images],
    outputs=[processed_images],
    pip_packages=["mpi4py", "torch", "torchvision"],
    use_gpu=True,
    source_directory='src'
)
# case: nb2019_mpistep_style_transfer_runconfig
# NB how-to-use-azureml/machine-learning-pipelines/pipeline-style-transfer/pipeline-style-transfer.ipynb@e2b1b3fc
from azureml.core.runconfig import RunConfiguration
from azureml.data.data_reference import DataReference
from azureml.pipeline.core import PipelineData, PipelineParameter
from azureml.pipeline.steps import MpiStep
amlcompute_run_config = RunConfiguration()
models_dir = DataReference(data_reference_name="models", datastore=ds, path_on_datastore="saved_models")
ffmpeg_images = PipelineData(name="ffmpeg_images", datastore=ds)
processed_images = PipelineData(name="processed_images", datastore=ds)
style_param = PipelineParameter(name="style", default_value="mosaic")
nodecount_param = PipelineParameter(name="nodecount", default_value=1)
distributed_style_transfer_step = MpiStep(
    name="mpi style transfer",
    script_name="train.py",
    arguments=["--content-dir", ffmpeg_images,
               "--output-dir", processed_images,
               "--model-dir", models_dir,
               "--style", style_param,
               "--cuda", 1
               ],
    compute_target=cluster,
    node_count=nodecount_param,
    process_count_per_node=1,
    inputs=[models_dir, ffmpeg_images],
    outputs=[processed_images],
    pip_packages=["mpi4py", "torch", "torchvision"],
    runconfig=amlcompute_run_config,
    use_gpu=True,
    source_directory='src'
)
# case: nb2020_mpistep_fixed_node_count
# NB how-to-use-azureml/machine-learning-pipelines/pipeline-style-transfer/pipeline-style-transfer-mpi.ipynb@bb1c7db6 (node_count literal instead of the PipelineParameter)
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import MpiStep
ffmpeg_images = PipelineData(name="ffmpeg_images", datastore=ds)
processed_images = PipelineData(name="processed_images", datastore=ds)
distributed_style_transfer_step = MpiStep(
    name="mpi style transfer",
    script_name="train.py",
    arguments=["--content-dir", ffmpeg_images, "--output-dir", processed_images, "--cuda", 1],
    compute_target=cluster,
    node_count=2,
    process_count_per_node=1,
    inputs=[ffmpeg_images],
    outputs=[processed_images],
    pip_packages=["mpi4py", "torch", "torchvision"],
    use_gpu=True,
    source_directory='src'
)
# case: nb2020_chainer_hyperdrive
# NB how-to-use-azureml/ml-frameworks/chainer/deployment/train-hyperparameter-tune-deploy-with-chainer/train-hyperparameter-tune-deploy-with-chainer.ipynb@bb1c7db6
# compare: hyperdrive_config
from azureml.train.dnn import Chainer
from azureml.train.hyperdrive.runconfig import HyperDriveConfig
from azureml.train.hyperdrive.sampling import RandomParameterSampling
from azureml.train.hyperdrive.policy import BanditPolicy
from azureml.train.hyperdrive.run import PrimaryMetricGoal
from azureml.train.hyperdrive.parameter_expressions import choice
script_params = {
    '--epochs': 10,
    '--batchsize': 128,
    '--output_dir': './outputs'
}
estimator = Chainer(source_directory='src',
                    script_params=script_params,
                    compute_target=cluster,
                    pip_packages=['numpy', 'pytest'],
                    entry_script='train.py',
                    use_gpu=True)
param_sampling = RandomParameterSampling({
    "--batchsize": choice(128, 256),
    "--epochs": choice(5, 10, 20, 40)
})
hyperdrive_config = HyperDriveConfig(estimator=estimator,
                                     hyperparameter_sampling=param_sampling,
                                     primary_metric_name='Accuracy',
                                     policy=BanditPolicy(evaluation_interval=1, slack_factor=0.1, delay_evaluation=3),
                                     primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                     max_total_runs=8,
                                     max_concurrent_runs=4)
# case: nb2020_chainer_submitted_then_tuned
# NB how-to-use-azureml/ml-frameworks/chainer/deployment/train-hyperparameter-tune-deploy-with-chainer/train-hyperparameter-tune-deploy-with-chainer.ipynb@9c32ca9d
from azureml.train.dnn import Chainer
script_params = {
    '--epochs': 10,
    '--batchsize': 128,
    '--output_dir': './outputs'
}
estimator = Chainer(source_directory='src',
                    script_params=script_params,
                    compute_target=cluster,
                    pip_packages=['numpy', 'pytest'],
                    entry_script='train.py',
                    use_gpu=True)
run = exp.submit(estimator)
from azureml.train.hyperdrive.runconfig import HyperDriveConfig
from azureml.train.hyperdrive.sampling import RandomParameterSampling
from azureml.train.hyperdrive.policy import BanditPolicy
from azureml.train.hyperdrive.run import PrimaryMetricGoal
from azureml.train.hyperdrive.parameter_expressions import choice
param_sampling = RandomParameterSampling( {
    "--batchsize": choice(128, 256),
    "--epochs": choice(5, 10, 20, 40)
    }
)
hyperdrive_config = HyperDriveConfig(estimator=estimator,
                                     hyperparameter_sampling=param_sampling,
                                     primary_metric_name='Accuracy',
                                     policy=BanditPolicy(evaluation_interval=1, slack_factor=0.1, delay_evaluation=3),
                                     primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                     max_total_runs=8,
                                     max_concurrent_runs=4)
# case: nb2020_sklearn_hyperdrive_run_config
# NB how-to-use-azureml/ml-frameworks/scikit-learn/training/train-hyperparameter-tune-deploy-with-sklearn/train-hyperparameter-tune-deploy-with-sklearn.ipynb@9c32ca9d
from azureml.train.sklearn import SKLearn
script_params = {
    '--kernel': 'linear',
    '--penalty': 1.0,
}
estimator = SKLearn(source_directory='src',
                    script_params=script_params,
                    compute_target=cluster,
                    entry_script='train.py',
                    pip_packages=['joblib==0.13.2']
                   )
run = exp.submit(estimator)
from azureml.train.hyperdrive.runconfig import HyperDriveRunConfig
from azureml.train.hyperdrive.sampling import RandomParameterSampling
from azureml.train.hyperdrive.run import PrimaryMetricGoal
from azureml.train.hyperdrive.parameter_expressions import choice
param_sampling = RandomParameterSampling( {
    "--kernel": choice('linear', 'rbf', 'poly', 'sigmoid'),
    "--penalty": choice(0.5, 1, 1.5)
    }
)
hyperdrive_run_config = HyperDriveRunConfig(estimator=estimator,
                                            hyperparameter_sampling=param_sampling,
                                            primary_metric_name='Accuracy',
                                            primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                            max_total_runs=12,
                                            max_concurrent_runs=4)
# case: nb2020_chainer_distributed_mpi_helper
# NB how-to-use-azureml/ml-frameworks/chainer/training/distributed-chainer/distributed-chainer.ipynb@bb1c7db6
from azureml.train.dnn import Chainer, Mpi
estimator = Chainer(source_directory='src',
                    compute_target=cluster,
                    entry_script='train.py',
                    node_count=2,
                    distributed_training=Mpi(),
                    use_gpu=True)
# case: nb2019_chainer_distributed_mpiconfiguration
# NB how-to-use-azureml/training-with-deep-learning/distributed-chainer/distributed-chainer.ipynb@e2b1b3fc
from azureml.core.runconfig import MpiConfiguration
from azureml.train.dnn import Chainer
estimator = Chainer(source_directory='src',
                    compute_target=cluster,
                    entry_script='train.py',
                    node_count=2,
                    distributed_training=MpiConfiguration(),
                    use_gpu=True)
# case: nb2020_pytorch_hyperdrive
# NB how-to-use-azureml/ml-frameworks/pytorch/deployment/train-hyperparameter-tune-deploy-with-pytorch/train-hyperparameter-tune-deploy-with-pytorch.ipynb@bb1c7db6
from azureml.train.dnn import PyTorch
from azureml.train.hyperdrive import RandomParameterSampling, BanditPolicy, HyperDriveConfig, uniform, PrimaryMetricGoal
script_params = {
    '--num_epochs': 30,
    '--output_dir': './outputs'
}
estimator = PyTorch(source_directory='src',
                    script_params=script_params,
                    compute_target=cluster,
                    entry_script='train.py',
                    use_gpu=True,
                    pip_packages=['pillow==5.4.1'])
param_sampling = RandomParameterSampling({
    'learning_rate': uniform(0.0005, 0.005),
    'momentum': uniform(0.9, 0.99)
})
early_termination_policy = BanditPolicy(slack_factor=0.15, evaluation_interval=1, delay_evaluation=10)
hyperdrive_config = HyperDriveConfig(estimator=estimator,
                                     hyperparameter_sampling=param_sampling,
                                     policy=early_termination_policy,
                                     primary_metric_name='best_val_acc',
                                     primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                     max_total_runs=8,
                                     max_concurrent_runs=4)
# case: nb2019_pytorch_transfer_learning
# NB how-to-use-azureml/training-with-deep-learning/train-hyperparameter-tune-deploy-with-pytorch/train-hyperparameter-tune-deploy-with-pytorch.ipynb@e2b1b3fc
from azureml.train.dnn import PyTorch
script_params = {
    '--num_epochs': 30,
    '--output_dir': './outputs'
}
estimator = PyTorch(source_directory='src',
                    script_params=script_params,
                    compute_target=cluster,
                    entry_script='train.py',
                    use_gpu=True)
# case: nb2020_pytorch_horovod_mpi_helper
# NB how-to-use-azureml/ml-frameworks/pytorch/training/distributed-pytorch-with-horovod/distributed-pytorch-with-horovod.ipynb@bb1c7db6
from azureml.train.dnn import PyTorch, Mpi
estimator = PyTorch(source_directory='src',
                    compute_target=cluster,
                    entry_script='train.py',
                    node_count=2,
                    distributed_training=Mpi(),
                    use_gpu=True)
# case: nb2019_pytorch_horovod_mpiconfiguration
# NB how-to-use-azureml/training-with-deep-learning/distributed-pytorch-with-horovod/distributed-pytorch-with-horovod.ipynb@e2b1b3fc
from azureml.core.runconfig import MpiConfiguration
from azureml.train.dnn import PyTorch
estimator = PyTorch(source_directory='src',
                    compute_target=cluster,
                    entry_script='train.py',
                    node_count=2,
                    distributed_training=MpiConfiguration(),
                    use_gpu=True)
# case: nb2018_pytorch_horovod_backend_string
# NB how-to-use-azureml/training-with-deep-learning/distributed-pytorch-with-horovod/distributed-pytorch-with-horovod.ipynb@a63f5084
from azureml.train.dnn import PyTorch
estimator = PyTorch(source_directory='src',
                    compute_target=cluster,
                    entry_script='train.py',
                    node_count=2,
                    process_count_per_node=1,
                    distributed_backend='mpi',
                    use_gpu=True)
# case: nb2020_pytorch_nccl_helper
# NB how-to-use-azureml/ml-frameworks/pytorch/training/distributed-pytorch-with-nccl-gloo/distributed-pytorch-with-nccl-gloo.ipynb@bb1c7db6
from azureml.train.dnn import PyTorch, Nccl
estimator = PyTorch(source_directory='src',
                    script_params={"--dist-backend": "nccl",
                                   "--dist-url": "$AZ_BATCHAI_PYTORCH_INIT_METHOD",
                                   "--rank": "$AZ_BATCHAI_TASK_INDEX",
                                   "--world-size": 2},
                    compute_target=cluster,
                    entry_script='train.py',
                    node_count=2,
                    distributed_training=Nccl(),
                    use_gpu=True)
# case: nb2020_pytorch_gloo_helper
# NB how-to-use-azureml/ml-frameworks/pytorch/training/distributed-pytorch-with-nccl-gloo/distributed-pytorch-with-nccl-gloo.ipynb@bb1c7db6
from azureml.train.dnn import PyTorch, Gloo
estimator = PyTorch(source_directory='src',
                    script_params={"--dist-backend": "gloo",
                                   "--dist-url": "$AZ_BATCHAI_PYTORCH_INIT_METHOD",
                                   "--rank": "$AZ_BATCHAI_TASK_INDEX",
                                   "--world-size": 2},
                    compute_target=cluster,
                    entry_script='train.py',
                    node_count=2,
                    distributed_training=Gloo(),
                    use_gpu=True)
# case: nb2020_sklearn_hyperdrive
# NB how-to-use-azureml/ml-frameworks/scikit-learn/training/train-hyperparameter-tune-deploy-with-sklearn/train-hyperparameter-tune-deploy-with-sklearn.ipynb@bb1c7db6
# compare: hyperdrive_config
from azureml.train.sklearn import SKLearn
from azureml.train.hyperdrive.runconfig import HyperDriveConfig
from azureml.train.hyperdrive.sampling import RandomParameterSampling
from azureml.train.hyperdrive.run import PrimaryMetricGoal
from azureml.train.hyperdrive.parameter_expressions import choice
script_params = {
    '--kernel': 'linear',
    '--penalty': 1.0,
}
estimator = SKLearn(source_directory='src',
                    script_params=script_params,
                    compute_target=cluster,
                    entry_script='train.py',
                    pip_packages=['joblib==0.13.2']
                    )
param_sampling = RandomParameterSampling({
    "--kernel": choice('linear', 'rbf', 'poly', 'sigmoid'),
    "--penalty": choice(0.5, 1, 1.5)
})
hyperdrive_config = HyperDriveConfig(estimator=estimator,
                                     hyperparameter_sampling=param_sampling,
                                     primary_metric_name='Accuracy',
                                     primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                     max_total_runs=12,
                                     max_concurrent_runs=4)
# case: nb2020_tf_hyperdrive_dataset
# NB how-to-use-azureml/ml-frameworks/tensorflow/deployment/train-hyperparameter-tune-deploy-with-tensorflow/train-hyperparameter-tune-deploy-with-tensorflow.ipynb@bb1c7db6 (dataset kept; it needs the network)
ds = ws.get_default_datastore()
from azureml.core import Dataset
from azureml.train.dnn import TensorFlow
dataset = Dataset.File.from_files(path=(ds, 'mnist/'))
script_params = {
    '--data-folder': dataset.as_named_input('mnist').as_mount(),
    '--batch-size': 64,
    '--first-layer-neurons': 256,
    '--second-layer-neurons': 128,
    '--learning-rate': 0.01
}
est = TensorFlow(source_directory='src',
                 script_params=script_params,
                 compute_target=cluster,
                 entry_script='train.py',
                 use_gpu=True,
                 framework_version='2.0',
                 pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
# case: nb2020_tf_packages_no_dataset
# NB how-to-use-azureml/ml-frameworks/tensorflow/deployment/train-hyperparameter-tune-deploy-with-tensorflow/train-hyperparameter-tune-deploy-with-tensorflow.ipynb@bb1c7db6 (dataset mount replaced by a datastore path)
from azureml.train.dnn import TensorFlow
script_params = {
    '--data-folder': ds.path('mnist').as_mount(),
    '--batch-size': 64,
    '--first-layer-neurons': 256,
    '--second-layer-neurons': 128,
    '--learning-rate': 0.01
}
est = TensorFlow(source_directory='src',
                 script_params=script_params,
                 compute_target=cluster,
                 entry_script='train.py',
                 use_gpu=True,
                 framework_version='2.0',
                 pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
# case: nb2020_tf_hyperdrive_inline_params
# NB how-to-use-azureml/ml-frameworks/tensorflow/deployment/train-hyperparameter-tune-deploy-with-tensorflow/train-hyperparameter-tune-deploy-with-tensorflow.ipynb@bb1c7db6 (dataset -> datastore path)
from azureml.train.dnn import TensorFlow
from azureml.train.hyperdrive import (HyperDriveConfig, RandomParameterSampling, BanditPolicy,
                                      PrimaryMetricGoal, choice, loguniform)
est = TensorFlow(source_directory='src',
                 script_params={'--data-folder': ds.path('mnist').as_mount()},
                 compute_target=cluster,
                 entry_script='train.py',
                 framework_version='2.0',
                 use_gpu=True,
                 pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
ps = RandomParameterSampling({
    '--batch-size': choice(16, 32, 64, 128),
    '--first-layer-neurons': choice(16, 64, 128, 256, 512),
    '--second-layer-neurons': choice(16, 64, 256, 512),
    '--learning-rate': loguniform(-6, -1)
})
policy = BanditPolicy(evaluation_interval=2, slack_factor=0.1)
htc = HyperDriveConfig(estimator=est,
                       hyperparameter_sampling=ps,
                       policy=policy,
                       primary_metric_name='validation_acc',
                       primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                       max_total_runs=8,
                       max_concurrent_runs=4)
# case: nb2020_tf_horovod_mpi_helper_dataset
# NB how-to-use-azureml/ml-frameworks/tensorflow/training/distributed-tensorflow-with-horovod/distributed-tensorflow-with-horovod.ipynb@bb1c7db6 (dataset kept)
ds = ws.get_default_datastore()
from azureml.core import Dataset
from azureml.train.dnn import TensorFlow, Mpi
dataset = Dataset.File.from_files(path='https://example.com/text8.zip')
script_params = {
    '--input_data': dataset.as_named_input('mattmahoney').as_mount(),
}
estimator = TensorFlow(source_directory='src',
                       compute_target=cluster,
                       script_params=script_params,
                       entry_script='train.py',
                       node_count=2,
                       distributed_training=Mpi(),
                       framework_version='1.13',
                       use_gpu=True,
                       pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
# case: nb2019_tf_horovod_datareference_param
# NB how-to-use-azureml/training-with-deep-learning/distributed-tensorflow-with-horovod/distributed-tensorflow-with-horovod.ipynb@e2b1b3fc
ds = ws.get_default_datastore()
from azureml.core.runconfig import MpiConfiguration
from azureml.train.dnn import TensorFlow
path_on_datastore = 'data/text8.zip'
ds_data = ds.path(path_on_datastore)
script_params = {
    '--input_data': ds_data
}
estimator = TensorFlow(source_directory='src',
                       compute_target=cluster,
                       script_params=script_params,
                       entry_script='train.py',
                       node_count=2,
                       distributed_training=MpiConfiguration(),
                       framework_version='1.12')
# case: nb2018_tf_horovod_backend_string
# NB how-to-use-azureml/training-with-deep-learning/distributed-tensorflow-with-horovod/distributed-tensorflow-with-horovod.ipynb@a63f5084
ds = ws.get_default_datastore()
from azureml.train.dnn import TensorFlow
ds_data = ds.path('data/text8.zip')
script_params = {
    '--input_data': ds_data
}
estimator = TensorFlow(source_directory='src',
                       compute_target=cluster,
                       script_params=script_params,
                       entry_script='train.py',
                       node_count=2,
                       process_count_per_node=1,
                       distributed_backend='mpi',
                       use_gpu=True)
# case: nb2020_tf_parameter_server_helper
# NB how-to-use-azureml/ml-frameworks/tensorflow/training/distributed-tensorflow-with-parameter-server/distributed-tensorflow-with-parameter-server.ipynb@bb1c7db6
from azureml.train.dnn import TensorFlow, ParameterServer
script_params = {
    '--num_gpus': 1,
    '--train_steps': 500
}
estimator = TensorFlow(source_directory='src',
                       compute_target=cluster,
                       script_params=script_params,
                       entry_script='train.py',
                       node_count=2,
                       distributed_training=ParameterServer(worker_count=2),
                       use_gpu=True)
# case: nb2019_tf_parameter_server_tensorflowconfiguration
# NB how-to-use-azureml/training-with-deep-learning/distributed-tensorflow-with-parameter-server/distributed-tensorflow-with-parameter-server.ipynb@e2b1b3fc
from azureml.core.runconfig import TensorflowConfiguration
from azureml.train.dnn import TensorFlow
script_params = {
    '--num_gpus': 1,
    '--train_steps': 500
}
distributed_training = TensorflowConfiguration()
distributed_training.worker_count = 2
estimator = TensorFlow(source_directory='src',
                       compute_target=cluster,
                       script_params=script_params,
                       entry_script='train.py',
                       node_count=2,
                       distributed_training=distributed_training,
                       use_gpu=True)
# case: nb2018_tf_parameter_server_backend_string
# NB how-to-use-azureml/training-with-deep-learning/distributed-tensorflow-with-parameter-server/distributed-tensorflow-with-parameter-server.ipynb@a63f5084
from azureml.train.dnn import TensorFlow
script_params = {
    '--num_gpus': 1,
    '--train_steps': 500
}
estimator = TensorFlow(source_directory='src',
                       compute_target=cluster,
                       script_params=script_params,
                       entry_script='train.py',
                       node_count=2,
                       worker_count=2,
                       parameter_server_count=1,
                       distributed_backend='ps',
                       use_gpu=True)
# case: nb2020_tf_warm_start_environment_definition
# NB how-to-use-azureml/ml-frameworks/tensorflow/training/hyperparameter-tune-and-warm-start-with-tensorflow/hyperparameter-tune-and-warm-start-with-tensorflow.ipynb@bb1c7db6 (dataset -> datastore path)
from azureml.core import Environment
from azureml.train.dnn import TensorFlow
env = Environment.from_conda_specification(name='tf-env', file_path='src/environment.yml')
script_params = {
    '--data-folder': ds.path('mnist').as_mount(),
    '--batch-size': 64,
    '--first-layer-neurons': 256,
    '--second-layer-neurons': 128,
    '--learning-rate': 0.01
}
est = TensorFlow(source_directory='src',
                 script_params=script_params,
                 compute_target=cluster,
                 entry_script='train.py',
                 framework_version='2.0',
                 environment_definition=env)
# case: nb2020_tf_resume_from_datapath
# NB how-to-use-azureml/ml-frameworks/tensorflow/training/train-tensorflow-resume-training/train-tensorflow-resume-training.ipynb@bb1c7db6 (model_location = run._get_outputs_datapath() -> a DataPath; dataset -> datastore path)
from azureml.data.datapath import DataPath
from azureml.train.dnn import TensorFlow
model_location = DataPath(datastore=ds, path_on_datastore='ExperimentRun/dcid.run1/outputs')
script_params = {
    '--data-folder': ds.path('mnist').as_mount()
}
estimator2 = TensorFlow(source_directory='src',
                        compute_target=cluster,
                        script_params=script_params,
                        entry_script='train.py',
                        resume_from=model_location,
                        use_gpu=True,
                        pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
# case: nb2020_tf_resume_first_run
# NB how-to-use-azureml/ml-frameworks/tensorflow/training/train-tensorflow-resume-training/train-tensorflow-resume-training.ipynb@bb1c7db6 (dataset -> datastore path)
from azureml.train.dnn import TensorFlow
script_params = {
    '--data-folder': ds.path('mnist').as_mount()
}
estimator = TensorFlow(source_directory='src',
                       compute_target=cluster,
                       script_params=script_params,
                       entry_script='train.py',
                       use_gpu=True,
                       pip_packages=['azureml-dataset-runtime[pandas,fuse]'])
# case: nb2020_tensorboard_tf_submit
# NB how-to-use-azureml/track-and-monitor-experiments/tensorboard/tensorboard.ipynb@bb1c7db6
from azureml.train.dnn import TensorFlow
script_params = {"--log_dir": "./logs"}
tf_estimator = TensorFlow(source_directory='src',
                          compute_target=cluster,
                          entry_script='train.py',
                          script_params=script_params,
                          framework_version="2.0")
run = exp.submit(tf_estimator)
# case: nb2018_tensorboard_tf_default_version_local
# NB how-to-use-azureml/training-with-deep-learning/tensorboard/tensorboard.ipynb@a63f5084 (compute target: local)
from azureml.train.dnn import TensorFlow
script_params = {"--log_dir": "./logs"}
tf_estimator = TensorFlow(source_directory='src',
                          compute_target='local',
                          entry_script='train.py',
                          script_params=script_params)
run = exp.submit(tf_estimator)
# case: nb2020_cntk_custom_docker_mpi
# NB how-to-use-azureml/training-with-deep-learning/distributed-cntk-with-custom-docker/distributed-cntk-with-custom-docker.ipynb@bb1c7db6
ds = ws.get_default_datastore()
from azureml.train.estimator import Estimator
ds_data = ds.path('mnist')
script_params = {
    '--num_epochs': 20,
    '--data_dir': ds_data.as_mount(),
    '--output_dir': './outputs'
}
estimator = Estimator(source_directory='src',
                      compute_target=cluster,
                      entry_script='train.py',
                      script_params=script_params,
                      node_count=2,
                      process_count_per_node=1,
                      distributed_backend='mpi',
                      pip_packages=['cntk-gpu==2.6'],
                      custom_docker_image='microsoft/mmlspark:gpu-0.12',
                      use_gpu=True)
# case: nb2020_estimator_local_no_docker_bool_flag
# NB how-to-use-azureml/training-with-deep-learning/how-to-use-estimator/how-to-use-estimator.ipynb@bb1c7db6
from azureml.train.estimator import Estimator
script_params = {
    '--numbers-in-sequence': 10,
    '--my_bool_var': ''
}
est = Estimator(source_directory='src', script_params=script_params, compute_target='local', entry_script='train.py', use_docker=False)
run = exp.submit(est)
# case: nb2020_estimator_cluster_docker
# NB how-to-use-azureml/training-with-deep-learning/how-to-use-estimator/how-to-use-estimator.ipynb@bb1c7db6
from azureml.train.estimator import Estimator
script_params = {
    '--numbers-in-sequence': 10
}
est = Estimator(source_directory='src', script_params=script_params, compute_target=cluster, entry_script='train.py', use_docker=True)
run = exp.submit(est)
# case: nb2020_estimator_local_conda_package
# NB how-to-use-azureml/training-with-deep-learning/how-to-use-estimator/how-to-use-estimator.ipynb@bb1c7db6
from azureml.train.estimator import Estimator
script_params = {
    '--numbers-in-sequence': 10
}
est = Estimator(source_directory='src',
                script_params=script_params,
                compute_target='local',
                entry_script='train.py',
                use_docker=False,
                conda_packages=['scikit-learn'])
run = exp.submit(est)
# case: nb2020_estimator_custom_image_user_managed_variable
# NB how-to-use-azureml/training-with-deep-learning/how-to-use-estimator/how-to-use-estimator.ipynb@bb1c7db6
from azureml.core.container_registry import ContainerRegistry
from azureml.train.estimator import Estimator
image_name = 'continuumio/miniconda3'
image_registry_details = ContainerRegistry()
image_registry_details.address = "myregistry.azurecr.io"
image_registry_details.username = "username"
image_registry_details.password = "password"
user_managed_dependencies = True
script_params = {
    '--numbers-in-sequence': 10
}
est = Estimator(source_directory='src',
                script_params=script_params,
                compute_target='local',
                entry_script='train.py',
                custom_docker_image=image_name,
                # uncomment below line to use your private ACR
                # image_registry_details=image_registry_details,
                user_managed=user_managed_dependencies
                )
run = exp.submit(est)
# case: nb2020_estimator_private_registry
# NB how-to-use-azureml/training-with-deep-learning/how-to-use-estimator/how-to-use-estimator.ipynb@bb1c7db6 (the commented-out image_registry_details line enabled)
from azureml.core.container_registry import ContainerRegistry
from azureml.train.estimator import Estimator
image_registry_details = ContainerRegistry()
image_registry_details.address = "myregistry.azurecr.io"
image_registry_details.username = "username"
image_registry_details.password = "password"
est = Estimator(source_directory='src',
                script_params={'--numbers-in-sequence': 10},
                compute_target='local',
                entry_script='train.py',
                custom_docker_image='myregistry.azurecr.io/miniconda3',
                image_registry_details=image_registry_details,
                user_managed=True)
# case: nb2020_estimator_notebook_pip_packages
# NB how-to-use-azureml/training-with-deep-learning/how-to-use-estimator/how-to-use-estimator.ipynb@bb1c7db6 (entry script notebook_example.ipynb -> train.py)
from azureml.train.estimator import Estimator
est = Estimator(source_directory='src', compute_target=cluster, entry_script='train.py', pip_packages=['nteract-scrapbook', 'azureml-contrib-notebook'])
run = exp.submit(est)
# case: nb2020_estimator_empty_params_hyperdrive
# NB how-to-use-azureml/training-with-deep-learning/how-to-use-estimator/how-to-use-estimator.ipynb@bb1c7db6
from azureml.train.estimator import Estimator
from azureml.train.hyperdrive import (HyperDriveConfig, RandomParameterSampling, BanditPolicy,
                                      PrimaryMetricGoal, choice)
est = Estimator(source_directory='src', script_params={}, compute_target=cluster, entry_script='train.py', use_docker=True)
ps = RandomParameterSampling({'--numbers-in-sequence': choice(10, 15, 20, 25, 30)})
policy = BanditPolicy(evaluation_interval=2, slack_factor=0.1)
hdc = HyperDriveConfig(estimator=est,
                       hyperparameter_sampling=ps,
                       policy=policy,
                       primary_metric_name='Fibonacci numbers',
                       primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                       max_total_runs=10,
                       max_concurrent_runs=4)
# case: nb2020_keras_tf_hyperdrive
# NB how-to-use-azureml/training-with-deep-learning/train-hyperparameter-tune-deploy-with-keras/train-hyperparameter-tune-deploy-with-keras.ipynb@bb1c7db6 (dataset -> datastore path)
from azureml.train.dnn import TensorFlow
script_params = {
    '--data-folder': ds.path('mnist').as_mount(),
    '--batch-size': 50,
    '--first-layer-neurons': 300,
    '--second-layer-neurons': 100,
    '--learning-rate': 0.001
}
est = TensorFlow(source_directory='src',
                 script_params=script_params,
                 compute_target=cluster,
                 entry_script='train.py',
                 framework_version='2.0',
                 pip_packages=['keras<=2.3.1', 'azureml-dataset-runtime[pandas,fuse]', 'matplotlib'])
# case: nb2019_keras_tf_conda_packages
# NB how-to-use-azureml/training-with-deep-learning/train-hyperparameter-tune-deploy-with-keras/train-hyperparameter-tune-deploy-with-keras.ipynb@e2b1b3fc
from azureml.train.dnn import TensorFlow
est = TensorFlow(source_directory='src',
                 script_params={'--data-folder': ds.path('mnist').as_mount()},
                 compute_target=cluster,
                 conda_packages=['keras', 'matplotlib'],
                 entry_script='train.py',
                 use_gpu=True)
# case: nb2019_keras_tf_pip_packages
# NB how-to-use-azureml/training-with-deep-learning/train-hyperparameter-tune-deploy-with-keras/train-hyperparameter-tune-deploy-with-keras.ipynb@e2b1b3fc
from azureml.train.dnn import TensorFlow
script_params = {
    '--data-folder': ds.path('mnist').as_mount(),
    '--batch-size': 50,
    '--first-layer-neurons': 300,
    '--second-layer-neurons': 100,
    '--learning-rate': 0.001
}
est = TensorFlow(source_directory='src',
                 script_params=script_params,
                 compute_target=cluster,
                 pip_packages=['keras', 'matplotlib'],
                 entry_script='train.py',
                 use_gpu=True)
# case: nb2019_tf_default_datastore_mount
# NB how-to-use-azureml/training-with-deep-learning/train-hyperparameter-tune-deploy-with-tensorflow/train-hyperparameter-tune-deploy-with-tensorflow.ipynb@e2b1b3fc
from azureml.train.dnn import TensorFlow
script_params = {
    '--data-folder': ws.get_default_datastore().as_mount(),
    '--batch-size': 50,
    '--first-layer-neurons': 300,
    '--second-layer-neurons': 100,
    '--learning-rate': 0.01
}
est = TensorFlow(source_directory='src',
                 script_params=script_params,
                 compute_target=cluster,
                 entry_script='train.py',
                 use_gpu=True,
                 framework_version='1.12')
# case: nb2018_tf_default_datastore_inline
# NB how-to-use-azureml/training-with-deep-learning/train-hyperparameter-tune-deploy-with-tensorflow/train-hyperparameter-tune-deploy-with-tensorflow.ipynb@a63f5084
from azureml.train.dnn import TensorFlow
est = TensorFlow(source_directory='src',
                 script_params={'--data-folder': ws.get_default_datastore().as_mount()},
                 compute_target=cluster,
                 entry_script='train.py',
                 use_gpu=True)
# case: nb2020_using_environments_pytorch_local
# NB how-to-use-azureml/training/using-environments/using-environments.ipynb@bb1c7db6
from azureml.train.dnn import PyTorch
pt = PyTorch(source_directory='src', compute_target="local")
environment = pt.run_config.environment
# case: nb2020_labeled_dataset_inputs_env
# NB how-to-use-azureml/work-with-data/datasets-tutorial/labeled-datasets/labeled-datasets.ipynb@bb1c7db6 (dataset kept; it needs the network)
from azureml.core import Dataset, Environment
from azureml.core.conda_dependencies import CondaDependencies
from azureml.train.estimator import Estimator
conda_env = Environment('conda-env')
conda_env.python.conda_dependencies = CondaDependencies.create(pip_packages=['azureml-sdk', 'azureml-contrib-dataset', 'torch', 'torchvision', 'azureml-dataset-runtime[pandas]'])
crack_labels = Dataset.get_by_name(ws, 'crack_labels')
est = Estimator(source_directory='src',
                entry_script='train.py',
                inputs=[crack_labels.as_named_input('crack_labels')],
                compute_target=cluster,
                environment_definition=conda_env)
# case: nb2020_pipeline_estimatorstep_tabular_dataset
# NB how-to-use-azureml/work-with-data/datasets-tutorial/pipeline-with-datasets/pipeline-for-image-classification.ipynb@bb1c7db6 (dataset kept: the prepare step's output dataset, registered, parsed into a TabularDataset as the train step's input)
from azureml.core import Dataset
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import EstimatorStep, PythonScriptStep
from azureml.train.estimator import Estimator
fashion_ds = Dataset.File.from_files([(ds, 'mnist-fashion')])
prepared_fashion_ds = PipelineData('prepared_fashion_ds', datastore=ds).as_dataset()
prepared_fashion_ds = prepared_fashion_ds.register(name='prepared_fashion_ds', create_new_version=True)
prep_step = PythonScriptStep(name='prepare step',
                             script_name='train.py',
                             inputs=[fashion_ds.as_named_input('fashion_ds').as_mount()],
                             outputs=[prepared_fashion_ds],
                             source_directory='src',
                             compute_target=cluster,
                             allow_reuse=False)
est = Estimator(entry_script='train.py',
                source_directory='src',
                pip_packages=['keras', 'tensorflow', 'numpy', 'scikit-learn', 'matplotlib', 'pandas'],
                compute_target=cluster)
est_step = EstimatorStep(name='train step',
                         estimator=est,
                         estimator_entry_script_arguments=[],
                         inputs=[prepared_fashion_ds.parse_delimited_files()],
                         compute_target=cluster)
# case: nb2020_pipeline_estimatorstep_pipelinedata_arg
# NB how-to-use-azureml/work-with-data/datasets-tutorial/pipeline-with-datasets/pipeline-for-image-classification.ipynb@bb1c7db6 (tabular dataset argument -> PipelineData output)
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import EstimatorStep
from azureml.train.estimator import Estimator
prepared = PipelineData('prepared', datastore=ds)
est = Estimator(entry_script='train.py',
                source_directory='src',
                pip_packages=['keras', 'tensorflow', 'numpy', 'scikit-learn', 'matplotlib', 'pandas'],
                compute_target=cluster)
est_step = EstimatorStep(name='train step',
                         estimator=est,
                         estimator_entry_script_arguments=['--output', prepared],
                         outputs=[prepared],
                         compute_target=cluster)
# case: nb2020_sklearn_dataset_inputs
# NB how-to-use-azureml/work-with-data/datasets-tutorial/train-with-datasets/train-with-datasets.ipynb@bb1c7db6 (dataset kept)
from azureml.core import Dataset
from azureml.train.sklearn import SKLearn
dataset = Dataset.get_by_name(ws, 'iris')
est = SKLearn(source_directory='src',
              entry_script='train.py',
              # pass dataset object as an input with name 'titanic'
              inputs=[dataset.as_named_input('iris')],
              pip_packages=['azureml-dataset-runtime[fuse]', 'packaging'],
              compute_target=cluster)
# case: nb2020_tutorial_estimator_env
# NB tutorials/image-classification-mnist-data/img-classification-part1-training.ipynb@bb1c7db6 (dataset -> datastore path)
from azureml.core import Environment
from azureml.core.conda_dependencies import CondaDependencies
from azureml.train.estimator import Estimator
env = Environment('tutorial-env')
cd = CondaDependencies.create(pip_packages=['azureml-dataset-runtime[pandas,fuse]', 'azureml-defaults'], conda_packages=['scikit-learn==0.22.1'])
env.python.conda_dependencies = cd
script_params = {
    '--data-folder': ds.path('mnist').as_mount(),
    '--regularization': 0.5
}
est = Estimator(source_directory='src',
                script_params=script_params,
                compute_target=cluster,
                environment_definition=env,
                entry_script='train.py')
# case: nb2019_tutorial_estimator_conda
# NB tutorials/img-classification-part1-training.ipynb@e2b1b3fc
from azureml.train.estimator import Estimator
script_params = {
    '--data-folder': ds.path('mnist').as_mount(),
    '--regularization': 0.05
}
est = Estimator(source_directory='src',
                script_params=script_params,
                compute_target=cluster,
                entry_script='train.py',
                conda_packages=['scikit-learn'])
# case: nb2018_tutorial_estimator_datastore_root
# NB tutorials/img-classification-part1-training.ipynb@a63f5084
ds = ws.get_default_datastore()
from azureml.train.estimator import Estimator
script_params = {
    '--data-folder': ds.as_mount(),
    '--regularization': 0.8
}
est = Estimator(source_directory='src',
                script_params=script_params,
                compute_target=cluster,
                entry_script='train.py',
                conda_packages=['scikit-learn'])
# case: ext_actions_workflow_run_config_pip
# Azure/actions-workflow-samples workflow-templates/MachineLearning/aml-template/code/train/run_config.py
from azureml.train.estimator import Estimator
script_params = {
    "--kernel": "linear",
    "--penalty": 1.0
}
estimator = Estimator(
    source_directory="src",
    entry_script="train.py",
    script_params=script_params,
    compute_target=cluster,
    pip_packages=["azureml-dataprep[pandas,fuse]", "scikit-learn", "pandas", "matplotlib"]
)
# case: ext_aml_run_conda_file
# Azure/aml-run test_data/train_with_configpy/run_config.py
from azureml.train.estimator import Estimator
script_params = {
    "--kernel": "linear",
    "--penalty": 0.9
}
estimator = Estimator(
    source_directory="./src",
    entry_script="train.py",
    script_params=script_params,
    compute_target=cluster,
    conda_dependencies_file="environment.yml"
)
# case: ext_adasum_mpiconfiguration_environment_definition
# olsaarik/aml-horovod-adasum-example submit.py
from azureml.core import runconfig
from azureml.train.estimator import Estimator
mpi_config = runconfig.MpiConfiguration()
mpi_config.process_count_per_node = 4
docker_env = runconfig.DockerSection()
docker_env.enabled = True
cd = runconfig.CondaDependencies()
cd.add_channel('pytorch')
cd.add_conda_package('pytorch')
cd.add_conda_package('torchvision')
cd.add_pip_package('horovod-adasum')
env_def = runconfig.EnvironmentDefinition()
env_def.docker = docker_env
env_def.python.conda_dependencies = cd
env_def.environment_variables = {
    "I_MPI_DAPL_TRANSLATION_CACHE": "0",
    "I_MPI_FALLBACK": "0",
    "I_MPI_SHM_LMT": "shm",
    "I_MPI_FABRICS": "shm:dapl",
    "I_MPI_DAPL_PROVIDER": "ofa-v2-ib0",
    "I_MPI_DYNAMIC_CONNECTION": "0",
}
estimator = Estimator(
    source_directory='src',
    compute_target=cluster,
    node_count=2,
    distributed_training=mpi_config,
    environment_definition=env_def,
    entry_script='train.py',
)
run = exp.submit(estimator)
# case: ext_rapids_dask_custom_image_interpreter
# public GitHub file, code-index id 28271297000 (RAPIDS/Dask on AML, mlads fall19): Estimator(... distributed_training=Mpi(process_count_per_node=1) ...)
from azureml.train.estimator import Estimator, Mpi
n_gpus_per_node = 2
jupyter_token = 'token'
node_count = '2'
estimator = Estimator(
    source_directory='src',
    compute_target=cluster,
    entry_script='train.py',
    script_params={
        "--datastore": ws.get_default_datastore(),
        "--n_gpus_per_node": str(n_gpus_per_node),
        "--jupyter_token": str(jupyter_token)
    },
    distributed_training=Mpi(process_count_per_node=1),
    node_count=int(node_count),
    use_gpu=True,
    custom_docker_image='todrabas/mlads_rapids:fall19',
    user_managed=True
)
estimator._estimator_config.environment.python.interpreter_path = '/opt/conda/envs/rapids/bin/python'
# case: ext_rapids_dask_conda_file
# public GitHub file, code-index id 9097091926 (RAPIDS/Dask on AML): Estimator(... conda_dependencies_file='rapids-0.10.yml')
from azureml.train.estimator import Estimator, Mpi
n_gpus_per_node = 2
estimator = Estimator(source_directory='src',
                      compute_target=cluster,
                      entry_script='train.py',
                      script_params={
                          "--datastore": ws.get_default_datastore(),
                          "--n_gpus_per_node": str(n_gpus_per_node),
                          "--jupyter_token": str('token')
                      },
                      distributed_training=Mpi(process_count_per_node=1),
                      node_count=int('2'),
                      use_gpu=True,
                      conda_dependencies_file='environment.yml')
# case: ext_pytorch_itp_custom_image_user_managed
# public GitHub file, code-index id 40986171101 (PyTorch on ITP/k8s): PyTorch(compute_target=ct, use_gpu=True, use_docker=True, custom_docker_image=..., user_managed=True, script_params=dict)
from azureml.train.dnn import PyTorch
script_params_dict = {'--lr': 0.001, '--epochs': 10}
script_params_dict['--workdir'] = ds.path('.').as_mount()
script_params_dict['--config_file'] = 'configs/base.yaml'
est = PyTorch(
    compute_target=cluster,
    use_gpu=True,
    use_docker=True,
    custom_docker_image='myregistry.azurecr.io/pytorch:1.4-cuda10.1',
    user_managed=True,
    source_directory='src',
    entry_script='train.py',
    script_params=script_params_dict
)
# case: ext_tf_bert_mpi_process_count
# public GitHub file, code-index id 20204684260 (Azure service classifier BERT workshop): TensorFlow(... node_count=1, distributed_training=Mpi(process_count_per_node=2) ...) (dataset -> datastore path)
from azureml.train.dnn import TensorFlow, Mpi
estimator3 = TensorFlow(source_directory='./src',
                        entry_script='train.py', compute_target=cluster,
                        script_params={
                            '--data_dir': ds.path('azureservicedata').as_mount(),
                            '--max_seq_length': 128,
                            '--batch_size': 32,
                            '--learning_rate': 3e-5,
                            '--steps_per_epoch': 150,
                            '--num_epochs': 3,
                            '--export_dir': './outputs/model'
                        },
                        framework_version='2.0',
                        node_count=1,
                        distributed_training=Mpi(process_count_per_node=2),
                        use_gpu=True,
                        pip_packages=['transformers==2.0.0', 'azureml-dataprep[fuse,pandas]==1.1.29'])
run3 = exp.submit(estimator3)
# case: ext_tf_bert_hyperdrive_grid
# public GitHub file, code-index id 20204684260 (Azure service classifier BERT workshop) (dataset -> datastore path)
from azureml.train.dnn import TensorFlow
from azureml.train.hyperdrive import GridParameterSampling, BanditPolicy, PrimaryMetricGoal, HyperDriveConfig
from azureml.train.hyperdrive.parameter_expressions import choice
param_sampling = GridParameterSampling({
    '--learning_rate': choice(3e-5, 3e-4),
    '--num_epochs': choice(3, 4)
})
primary_metric_name = 'val_accuracy'
early_termination_policy = BanditPolicy(slack_factor=0.1, evaluation_interval=1, delay_evaluation=2)
estimator4 = TensorFlow(source_directory='./src',
                        entry_script='train.py',
                        compute_target=cluster,
                        script_params={
                            '--data_dir': ds.path('azureservicedata').as_mount(),
                            '--max_seq_length': 128,
                            '--batch_size': 32,
                            '--steps_per_epoch': 150,
                            '--export_dir': './outputs/model',
                        },
                        framework_version='2.0',
                        use_gpu=True,
                        pip_packages=['transformers==2.0.0', 'azureml-dataprep[fuse,pandas]==1.1.29'])
hyperdrive_run_config = HyperDriveConfig(estimator=estimator4,
                                         hyperparameter_sampling=param_sampling,
                                         policy=early_termination_policy,
                                         primary_metric_name=primary_metric_name,
                                         primary_metric_goal=PrimaryMetricGoal.MAXIMIZE,
                                         max_total_runs=10,
                                         max_concurrent_runs=2)
run4 = exp.submit(hyperdrive_run_config)
# case: ext_tf_estimatorstep_int_arguments
# public GitHub file, code-index id 3476491746 (MNIST pipeline, Training step): TensorFlow(use_gpu=False, framework_version='1.13') + EstimatorStep
from azureml.pipeline.core import PipelineData
from azureml.pipeline.steps import EstimatorStep
from azureml.train.dnn import TensorFlow
processed_mnist_data = PipelineData('processed_mnist_data', datastore=ds)
model_name = 'mnist-model'
est = TensorFlow(source_directory='src',
                 compute_target=cluster,
                 entry_script='train.py',
                 use_gpu=False,
                 framework_version='1.13')
trainingStep = EstimatorStep(name="Training-Step",
                             estimator=est,
                             estimator_entry_script_arguments=["--input_data_location", processed_mnist_data,
                                                               '--batch-size', 50,
                                                               '--first-layer-neurons', 300,
                                                               '--second-layer-neurons', 100,
                                                               '--learning-rate', 0.01,
                                                               "--release_id", 0,
                                                               '--model_name', model_name],
                             runconfig_pipeline_params=None,
                             inputs=[processed_mnist_data],
                             compute_target=cluster)
