from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "accord.ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from django.core import checks
        from django_q.signals import post_execute_in_worker, pre_enqueue, pre_execute

        from accord.ops import request_id
        from accord.ops.checks import check_seal, check_signing_key

        checks.register(check_signing_key, checks.Tags.security, deploy=True)
        checks.register(check_seal, checks.Tags.security, deploy=True)
        pre_enqueue.connect(request_id.carry_into_task, dispatch_uid="accord-request-id-out")
        pre_execute.connect(request_id.take_from_task, dispatch_uid="accord-request-id-in")
        post_execute_in_worker.connect(request_id.end_of_task, dispatch_uid="accord-request-id-end")
