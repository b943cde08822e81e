# Giao diện chính của Gõ Cửa. Tiếng Việt là ngôn ngữ mặc định và chuẩn.

app-name = Gõ Cửa
app-tagline = Trợ lý dịch vụ công trực tuyến cho tổ công nghệ số cộng đồng
app-window-title = Gõ Cửa — hỗ trợ dịch vụ công

## Trạng thái kết nối tới cổng
connectivity-online = Có mạng
connectivity-offline = Không có mạng
connectivity-incompatible = Cổng không tương thích
connectivity-checking = Đang kiểm tra kết nối…
connectivity-recheck = Kiểm tra lại
connectivity-portal = Cổng: { $url }
connectivity-online-hint = Đã kết nối với cổng. Hồ sơ trong hàng đợi sẽ được gửi đi.
connectivity-offline-hint = Không có kết nối tới cổng. Bạn vẫn làm việc bình thường: mọi thứ được lưu trên máy và tự gửi đi khi có mạng.
connectivity-incompatible-hint = Địa chỉ cổng trả lời nhưng không phải cổng dịch vụ công mà Gõ Cửa kết nối (có thể là trang đăng nhập Wi-Fi). Hãy kiểm tra địa chỉ cổng trong phần Cài đặt.

## Ngôn ngữ
language-label = Ngôn ngữ
language-vi = Tiếng Việt
language-en = English

## Màn hình chính
home-welcome = Xin chào! Hôm nay bạn hỗ trợ người dân việc gì?
home-intro = Tìm đúng thủ tục, hướng dẫn cài đặt VNeID, điền hồ sơ ngay cả khi không có mạng, rồi tự gửi lên Cổng khi có mạng, không bị gửi trùng.
home-section-about = Thông tin ứng dụng

## Thông tin ứng dụng
about-version = Phiên bản
about-data-dir = Thư mục dữ liệu
about-schema = Phiên bản cơ sở dữ liệu
about-portal = Cổng dịch vụ công
about-portal-default = (mặc định: cổng thử nghiệm trên máy này)
portal-insecure-banner = CHỈ ĐỂ TẬP HUẤN: dữ liệu được gửi tới { $url } mà không mã hóa (đang bật GOCUA_ALLOW_INSECURE_PORTAL). Tuyệt đối không dùng với người dân thật.

## Cài đặt địa chỉ cổng
settings-portal-label = Địa chỉ cổng
settings-portal-help = Ví dụ: http://127.0.0.1:8787 cho cổng thử nghiệm. Để trống để dùng mặc định.
settings-save = Lưu
settings-saved = Đã lưu.

## Lỗi chung trên giao diện
ui-error-title = Có lỗi xảy ra
ui-error-dismiss = Đóng

## Khóa, người dùng và chế độ tự phục vụ
lock-title = Ứng dụng đang khóa
lock-name = Người dùng
lock-pin = Mã PIN
lock-unlock = Mở khóa
lock-now = Khóa
nav-guides = Hướng dẫn
kiosk-enter = Chế độ tự phục vụ
kiosk-badge = Tự phục vụ
kiosk-leave = Thoát tự phục vụ
kiosk-leave-title = Tình nguyện viên nhập mã PIN để thoát chế độ tự phục vụ
kiosk-nothing-stored = Ở chế độ tự phục vụ, thông tin của ông/bà không được lưu lại; màn hình tự xóa khi không dùng.
nav-operators = Người dùng
first-lead-title = Thiết lập lần đầu: trưởng nhóm
first-lead-intro = Máy này chưa có người dùng nào. Hãy tạo tài khoản trưởng nhóm trước: chỉ người có mã PIN mới mở được ứng dụng và dữ liệu của người dân. Trưởng nhóm sẽ thêm các tình nguyện viên sau.
first-lead-pin-again = Nhập lại mã PIN
first-lead-pin-rule = Mã PIN gồm 6 đến 12 chữ số, không dùng dãy dễ đoán như 123456 hay 000000.
first-lead-mismatch = Hai mã PIN không giống nhau. Hãy nhập lại.
first-lead-submit = Tạo trưởng nhóm và mở ứng dụng
operators-title = Người dùng của tổ
operators-intro = Trưởng nhóm thêm tình nguyện viên, đặt lại mã PIN khi có người quên, và xóa người đã rời tổ.
operators-added = Đã thêm { $name }.
operators-pin-reset = Đã đặt mã PIN mới cho { $name }.
operators-removed = Đã xóa { $name }.
operators-reset = Đặt lại mã PIN
operators-new-pin = Mã PIN mới của { $name }
operators-reset-save = Lưu mã PIN mới
operators-remove = Xóa
operators-remove-confirm = Xóa { $name }? Người này sẽ không mở được ứng dụng trên máy này nữa. Các lượt hỗ trợ họ đã ghi vẫn được giữ trong báo cáo.
operators-remove-yes = Xóa người dùng này
operators-cancel = Hủy
operators-add-title = Thêm người dùng
operators-role = Vai trò
operators-add = Thêm người dùng
role-volunteer = Tình nguyện viên
role-lead = Trưởng nhóm
role-kiosk = Ki-ốt tự phục vụ
print-now = In ngay (không lưu tệp)
skip-to-content = Bỏ qua menu, đến nội dung chính
lock-choose-operator = Hãy chọn tên của bạn trong danh sách.
lock-wait = Nhập sai quá nhiều lần. Hãy chờ { $seconds } giây rồi thử lại.
kiosk-welcome = Xin chào ông/bà!
kiosk-intro = Ông/bà gõ tên việc cần làm, ví dụ “làm giấy khai sinh cho con”, để xem cần giấy tờ gì, nộp ở đâu và các bước làm trực tuyến. Nếu cần, ông/bà cứ hỏi tình nguyện viên bên cạnh.
read-aloud = Đọc to
read-aloud-stop = Dừng đọc
read-aloud-voice = Giọng đọc
read-aloud-voice-north = Miền Bắc
read-aloud-voice-central = Miền Trung
read-aloud-voice-south = Miền Nam

## Team hub (settings)
hub-heading = Máy chủ nhóm
hub-help = Máy chủ nhóm cộng số liệu hằng tháng của cả nhóm. Chỉ gửi số liệu ẩn danh (mã thủ tục, trạng thái, đánh giá…), không gửi họ tên, số định danh hay nội dung hồ sơ. Hồ sơ chuyển cho máy khác trong nhóm (khi người dân đồng ý) được mã hóa để chỉ máy nhận mở được. Máy vẫn làm việc bình thường khi không có mạng hoặc không có máy chủ nhóm.
hub-code-label = Mã tham gia
hub-code-help = Mã bắt đầu bằng GC1- do trưởng nhóm đưa; dùng được một lần, trong 24 giờ.
hub-name-label = Tên máy này (trưởng nhóm sẽ thấy)
hub-join = Tham gia
hub-joined = Đã tham gia nhóm “{ $team }”.
hub-team = Nhóm
hub-address = Địa chỉ
hub-last-sync = Đồng bộ gần nhất
hub-never = Chưa lần nào
hub-pending = Bản ghi chờ gửi
hub-sync-now = Gửi số liệu lên máy chủ nhóm ngay
hub-synced = Máy chủ nhóm đã nhận { $stored } bản ghi mới; còn chờ { $pending }.
hub-revoked = Trưởng nhóm đã thu hồi máy này lúc { $at }. Dữ liệu trên máy vẫn còn; máy không gửi gì nữa.
hub-leave = Rời máy chủ nhóm
hub-leave-confirm = Rời máy chủ nhóm? Dữ liệu trên máy vẫn giữ nguyên; máy ngừng gửi số liệu cho nhóm.
hub-leave-yes = Rời máy chủ nhóm
hub-leave-no = Không rời
hub-left = Đã rời máy chủ nhóm.
hub-not-joined-staff = Máy này chưa tham gia máy chủ nhóm. Trưởng nhóm đăng nhập để nhập mã tham gia.
hub-catalogue-installed = Đã cài { $count } gói danh mục mới do tỉnh phát hành.
hub-handovers-waiting = Có { $count } hồ sơ do máy khác trong nhóm chuyển đến, đang chờ nhận (xem bên dưới).
handover-title = Chuyển hồ sơ cho máy khác trong nhóm
handover-help = Khi người dân muốn một tình nguyện viên khác trong nhóm làm tiếp hồ sơ này. Câu trả lời và ảnh giấy tờ được mã hóa để chỉ máy nhận mở được (máy chủ nhóm không đọc được). Khi máy kia nhận, hồ sơ được xóa khỏi máy này.
handover-no-devices = Nhóm chưa có máy nào khác tham gia máy chủ nhóm.
handover-to = Chuyển cho máy
handover-last-seen = liên lạc gần nhất { $at }
handover-never-seen = chưa liên lạc lần nào
handover-agreed = Người dân đồng ý để tình nguyện viên khác trong nhóm làm tiếp hồ sơ (câu trả lời và ảnh giấy tờ được chuyển sang máy đó).
handover-send = Chuyển hồ sơ
handover-sent = Đã chuyển hồ sơ sang máy “{ $to }”. Hồ sơ bị khóa trên máy này cho đến khi máy kia nhận.
handover-waiting = Hồ sơ này đang được chuyển sang máy khác trong nhóm và bị khóa trên máy này. Khi máy kia nhận, hồ sơ sẽ rời máy này. Nếu máy kia chưa nhận, có thể lấy lại; sau 14 ngày không ai nhận, hồ sơ tự trở về máy này.
handover-reclaim = Lấy lại hồ sơ
handover-reclaimed = Đã lấy lại hồ sơ; có thể tiếp tục soạn trên máy này.
handover-inbox-heading = Hồ sơ được chuyển đến máy này
handover-check = Kiểm tra hồ sơ được chuyển đến
handover-none = Không có hồ sơ nào đang chờ.
handover-from = Từ máy “{ $from }” ({ $by }), lúc { $at }; { $papers } ảnh giấy tờ.
handover-form-missing = Máy này chưa có đúng mẫu tờ khai của hồ sơ này. Hãy gửi số liệu lên máy chủ nhóm để cập nhật danh mục rồi kiểm tra lại.
handover-accept = Nhận hồ sơ
handover-decline = Từ chối
handover-declined = Đã từ chối; hồ sơ trở về máy gửi.
handover-recent = Chuyển gần đây
handover-recent-item = { $outgoing ->
    [true] Gửi sang
   *[other] Nhận từ
} “{ $peer }”: { $procedure } — { $state ->
    [sent] đang chờ máy nhận
    [accepted] đã được nhận
    [declined] bị từ chối
   *[reclaimed] đã lấy lại
} ({ $at })
operators-roster-title = Thành viên của nhóm chưa có tài khoản trên máy này
operators-roster-help = Theo danh sách thành viên trưởng nhóm ghi trên máy chủ nhóm. Chọn một người để điền sẵn tên và vai trò; người đó tự nhập mã PIN của mình.
operators-roster-use = Tạo tài khoản cho { $name }
hub-roster-installed = Đã nhận danh sách thành viên mới của nhóm (xem Người dùng của tổ).
self-title = Tự điền tờ khai để mang đến cơ quan
self-intro = Ông/bà có thể tự trả lời các câu hỏi của tờ khai, rồi in ra cùng danh sách giấy tờ cần mang. Máy không lưu lại gì; khi ông/bà rời đi, màn hình tự xóa.
self-start = Bắt đầu điền tờ khai
self-to-print = Xong, xem giấy tờ cần mang và in
self-finish = Ông/bà in tờ này, mang cùng các giấy tờ dưới đây đến cơ quan giải quyết.
self-unanswered = Còn { $n ->
    [one] 1 mục
   *[other] { $n } mục
} chưa trả lời; ông/bà có thể in ngay và điền tay khi đến nơi.
self-papers = Giấy tờ cần mang
self-print = In tờ khai và danh sách giấy tờ
self-printed = Đã gửi tới máy in. Hãy lấy bản in ở máy in bên cạnh.
self-back-to-questions = Quay lại các câu hỏi
self-nothing-kept = Không có gì được lưu trên máy này.
file-open = Mở tệp
